import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { WebhookProcessor } from '../../src/messenger/webhook.processor.js';

export type RunningApp = { app: INestApplication; baseUrl: string; sql: DataSource; close(): Promise<void> };

/** Quiet by default: no logs, no demo, no scheduled job firing in the middle of a test. */
const QUIET = {
  LOG_LEVEL: 'silent',
  PORT: '0',
  DEMO: 'off',
  SYNC_HOURLY_CRON: 'off',
  SYNC_DAILY_CRON: 'off',
  CONVERSATIONS_BACKFILL_CRON: 'off',
};

/** The whole Nest app on a test database, listening on a free loopback port; `env` adds or overrides settings. */
export async function startTestApp(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const app = await createApp({ config: loadConfig({ ...QUIET, ...env }), databaseUrl });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, baseUrl, sql: app.get<DataSource>(getDataSourceToken()), close: () => app.close() };
}

/** Processes stored webhook deliveries until none is pending (the background processor may hold one for a moment). */
export async function processAllWebhooks({ app, sql }: RunningApp): Promise<void> {
  for (;;) {
    await app.get(WebhookProcessor).drain();
    const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'pending'`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
