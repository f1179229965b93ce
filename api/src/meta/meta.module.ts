import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { clockProvider } from './clock.provider.js';
import { MetaClientFactory } from './meta-client.factory.js';
import { MetaConnections } from './meta-connections.js';
import { configureSdk, DEFAULT_SDK_TIMEOUT_MS } from './meta-sdk.js';
import { PageTokens } from './page-tokens.js';

/** Injection token for the SDK's HTTP timeout (ms); tests shorten it below the simulator's hangs. */
export const SDK_TIMEOUT_MS = Symbol('SDK_TIMEOUT_MS');
const timeoutProvider = { provide: SDK_TIMEOUT_MS, useValue: DEFAULT_SDK_TIMEOUT_MS };

@Module({
  providers: [clockProvider, timeoutProvider, MetaClientFactory, MetaConnections, PageTokens],
  exports: [clockProvider, timeoutProvider, MetaClientFactory, MetaConnections, PageTokens],
})
export class MetaModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SDK_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  onModuleInit(): void {
    configureSdk({
      graphUrl: this.config.meta.graphUrl,
      apiVersion: this.config.meta.apiVersion,
      timeoutMs: this.timeoutMs,
    });
  }
}
