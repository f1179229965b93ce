import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { SecretBox } from './secret-box.js';

/** The SecretBox with SECRETS_KEY (config refuses to start without one outside demo mode). */
export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    if (config.secrets.generated)
      new Logger('SecretBox').log(
        'SECRETS_KEY is not set: demo mode encrypts stored Meta tokens with a key made for this process, so connections added now will not survive a restart.',
      );
    return new SecretBox(config.secrets.key);
  },
};
