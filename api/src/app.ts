import { existsSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/config.js';
import { AppModule, dashboardDist } from './app.module.js';
import { webhookFastPath } from './messenger/webhook.controller.js';
import { WebhookService } from './messenger/webhook.service.js';

export type CreateAppOptions = { config: AppConfig; databaseUrl: string };

/** Builds the Nest application (used by main.ts and by the end-to-end tests). */
export async function createApp({ config, databaseUrl }: CreateAppOptions): Promise<INestApplication> {
  const serveDashboard = existsSync(`${dashboardDist}/index.html`);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl, serveDashboard }),
    { bufferLogs: true, bodyParser: false },
  );
  configureBodyParsing(app);
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  if (!serveDashboard) logger.warn(`No built dashboard in ${dashboardDist}: run "npm run build" to serve it at /.`);
  return app;
}

/**
 * Webhooks keep their raw bytes (the signature is over them, and a body that is not JSON must still
 * be signature-checked first); everything else is parsed as JSON. Messenger deliveries take a fast
 * path ahead of Nest's pipeline (see webhookFastPath).
 */
export function configureBodyParsing(app: INestApplication): void {
  app.use('/webhooks/messenger', webhookFastPath(app.get(WebhookService), { limitBytes: 2 * 1024 * 1024 }));
  app.use('/webhooks', express.raw({ type: () => true, limit: '2mb' }));
  app.use(express.json({ limit: '1mb' }));
}
