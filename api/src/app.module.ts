import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';

/** The built dashboard (vite build): same relative path from api/src and api/dist. */
export const dashboardDist = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

export type AppModuleOptions = { config: AppConfig; databaseUrl: string; serveDashboard?: boolean };

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, serveDashboard = true }: AppModuleOptions): DynamicModule {
    const dashboard = serveDashboard && existsSync(`${dashboardDist}/index.html`);
    if (serveDashboard && !dashboard) {
      new Logger('AppModule').warn(`No built dashboard at ${dashboardDist}: run "npm run build" to serve it at /.`);
    }
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
        ...(dashboard
          ? [ServeStaticModule.forRoot({ rootPath: dashboardDist, exclude: ['/api/{*path}', '/webhooks/{*path}'] })]
          : []),
      ],
    };
  }
}
