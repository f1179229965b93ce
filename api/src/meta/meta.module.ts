import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { clockProvider } from './clock.provider.js';
import { MetaClientFactory } from './meta-client.factory.js';
import { MetaConnections } from './meta-connections.js';
import { configureSdk } from './meta-sdk.js';

const SDK_TIMEOUT_MS = 60_000;

@Module({
  providers: [clockProvider, MetaClientFactory, MetaConnections],
  exports: [clockProvider, MetaClientFactory, MetaConnections],
})
export class MetaModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    configureSdk({
      graphUrl: this.config.meta.graphUrl,
      apiVersion: this.config.meta.apiVersion,
      timeoutMs: SDK_TIMEOUT_MS,
    });
  }
}
