import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';

export type RunningApp = { app: INestApplication; baseUrl: string; close(): Promise<void> };

/** The whole Nest app on a test database, listening on a free loopback port. */
export async function startTestApp(databaseUrl: string): Promise<RunningApp> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    DEMO: 'off',
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
  });
  const app = await createApp({ config, databaseUrl });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, baseUrl, close: () => app.close() };
}
