import { fileURLToPath } from 'node:url';
import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AdsSyncModule } from './ads-sync/ads-sync.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { WorkspaceSettingsModule } from './workspaces/workspace-settings.module.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { DemoModule } from './demo/demo.module.js';
import { MessengerModule } from './messenger/messenger.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { HealthModule } from './health/health.module.js';
import { LinksModule } from './links/links.module.js';
import { ConversionRulesModule } from './conversion-rules/conversion-rules.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { ReportsModule } from './reports/reports.module.js';

/** The built dashboard (vite build): same relative path from api/src and api/dist. */
export const dashboardDist = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

export type AppModuleOptions = { config: AppConfig; databaseUrl: string; serveDashboard: boolean };

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, serveDashboard }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config.logLevel),
        DatabaseModule.forRoot({
          url: databaseUrl,
          poolSize: config.database.poolSize,
          connectTimeoutMs: config.database.connectTimeoutMs,
        }),
        ScheduleModule.forRoot(),
        HealthModule,
        // its APP_GUARD: every route needs a session or an API token unless it says @Public()
        AuthModule,
        AdsSyncModule,
        MessengerModule,
        MetricsModule,
        ConnectionsModule,
        AlertsModule,
        LinksModule,
        ConversionRulesModule,
        WorkspaceSettingsModule,
        DemoModule,
        ReportsModule,
        ...(serveDashboard
          ? [ServeStaticModule.forRoot({ rootPath: dashboardDist, exclude: ['/api/{*path}', '/webhooks/{*path}'] })]
          : []),
      ],
    };
  }
}
