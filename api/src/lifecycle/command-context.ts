import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';
import { openDatabaseEndpoint } from '../database/database-endpoint.js';
import { shutdownGracefully } from './shutdown.js';

/**
 * Runs a command-line command (`npm run cli`, `npm run sync`) in the application without HTTP:
 * no cron and no sync worker, since the process only does what it was asked; warnings and errors
 * only; then shuts the application and the database down, whatever happened.
 */
export async function runCommand<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const loaded = loadConfig();
  const config = {
    ...loaded,
    logLevel: 'warn' as const,
    sync: { hourlyCron: undefined, dailyCron: undefined, worker: false },
  };
  const database = await openDatabaseEndpoint(config.database);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, databaseUrl: database.url, serveDashboard: false }),
    { logger: ['error', 'warn'] },
  );
  await app.init();
  try {
    return await work(app);
  } finally {
    await shutdownGracefully(app, database);
  }
}
