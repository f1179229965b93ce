import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/config.js';
import { AppModule, dashboardDist } from './app.module.js';
import { webhookFastPath } from './messenger/webhook.controller.js';
import { WebhookService } from './messenger/webhook.service.js';
import { serveOpenApi } from './openapi/openapi.setup.js';

/** Meta batches up to 1,000 events per delivery; 2 MiB leaves room for long texts and attachments. */
const WEBHOOK_LIMIT = 2 * 1024 * 1024;

export type CreateAppOptions = { config: AppConfig; databaseUrl: string };

/** Builds the Nest application (used by main.ts and by the end-to-end tests). */
export async function createApp({ config, databaseUrl }: CreateAppOptions): Promise<INestApplication> {
  const serveDashboard = existsSync(`${dashboardDist}/index.html`);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl, serveDashboard }),
    { bufferLogs: true, bodyParser: false },
  );
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true, maxAge: 600 });
  configureBodyParsing(app);
  serveOpenApi(app);
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  if (!serveDashboard) logger.warn(`No built dashboard in ${dashboardDist}: run "npm run build" to serve it at /.`);
  return app;
}

/**
 * helmet's headers on every response Express sends (the webhook ack, answered ahead of Express, is
 * plain text for Meta). The dashboard is same-origin scripts and styles; recharts sets inline
 * styles. No upgrade-insecure-requests: a laptop install serves plain HTTP on a LAN address too.
 * CORS stays closed unless CORS_ORIGINS names origins: then only those get Access-Control-Allow-Origin.
 */
function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

/**
 * Webhooks keep their raw bytes (the signature is over them, and a body that is not JSON must still
 * be signature-checked first); everything else is parsed as JSON. Messenger deliveries take a fast
 * path ahead of Nest's pipeline (see webhookFastPath).
 */
export function configureBodyParsing(app: INestApplication): void {
  mountAheadOfExpress(
    app,
    webhookFastPath(app.get(WebhookService), { path: '/webhooks/messenger', limitBytes: WEBHOOK_LIMIT }),
  );
  app.use('/webhooks', express.raw({ type: () => true, limit: WEBHOOK_LIMIT }));
  app.use(express.json({ limit: '1mb' }));
}

/**
 * Puts a handler in front of Express on the application's HTTP server: it sees every request first
 * and hands on (to Express, as before) what it does not answer itself.
 */
function mountAheadOfExpress(
  app: INestApplication,
  handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
): void {
  const server = app.getHttpServer() as Server;
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (listeners.length !== 1)
    throw new Error(`expected Express as the HTTP server's only request listener, found ${listeners.length}`);
  const express = listeners[0]!;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => handler(req, res, () => express(req, res)));
}
