import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';

/**
 * The app secret and verify token: from config, or generated for this process in the demo (whose
 * in-process simulator signs with them). Never logged, never returned by the API.
 */
@Injectable()
export class WebhookSecrets {
  readonly appSecret: string | undefined;
  readonly verifyToken: string | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const generate = () => randomBytes(24).toString('base64url');
    this.appSecret = config.meta.appSecret ?? (config.demo ? generate() : undefined);
    this.verifyToken = config.meta.verifyToken ?? (config.demo ? generate() : undefined);
  }
}
