import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.js';
import { loadConfig, type AppConfig } from './config/config.js';
import { openDatabaseEndpoint, type DatabaseEndpoint } from './database/database-endpoint.js';
import { Logger } from 'nestjs-pino';
import { DemoService } from './demo/demo.service.js';
import { shutdownGracefully } from './lifecycle/shutdown.js';
import { appVersion } from './version.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabaseEndpoint(config.database);
  let app: INestApplication | undefined;
  try {
    app = await createApp({ config, databaseUrl: database.url });
    // from the first request on, a SIGTERM must find its handler: install it before listening
    onShutdownSignal(app, database, config);
    await app.listen(config.port, config.host);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const logger = app.get(Logger);
    logger.log(`ctm-analytics ${appVersion} listening on ${url}, ${describeDatabase(config)}`);
    // the demo's webhooks are a convenience: failing to start them (or a shutdown meanwhile) is not fatal
    await app
      .get(DemoService)
      .startWebhookDelivery(url)
      .catch((error: unknown) => logger.warn(`demo webhooks did not start: ${String(error)}`));
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

/** Where the data lives, without the credentials a DATABASE_URL may carry. */
function describeDatabase({ database }: AppConfig): string {
  if (!database.url) {
    return database.dataDir === 'memory'
      ? 'embedded database in memory (DATA_DIR=memory: nothing is kept)'
      : `embedded database in ${database.dataDir}`;
  }
  const { hostname, port, pathname } = new URL(database.url);
  return `PostgreSQL at ${hostname}:${port || '5432'}${pathname}`;
}

/** SIGTERM / SIGINT shut down gracefully; a second signal exits at once. */
function onShutdownSignal(app: INestApplication, database: DatabaseEndpoint, config: AppConfig): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    if (config.logLevel !== 'silent') console.error(`ctm-analytics: ${signal} received, shutting down`);
    shutdownGracefully(app, database).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('ctm-analytics: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // config and database errors carry one sentence meant for the person starting the service
  const known = error instanceof Error && /^(ConfigError|DatabaseUnreachableError|DataDirInUseError)$/.test(error.name);
  console.error(`ctm-analytics: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}`);
  process.exit(1);
});
