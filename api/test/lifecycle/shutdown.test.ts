import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { Public } from '../../src/auth/access.decorator.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { shutdownGracefully } from '../../src/lifecycle/shutdown.js';

@Controller('api/test-slow')
class SlowController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Works for a while, then needs the database: it must still be open. */
  @Public()
  @Get()
  async slow(): Promise<{ done: number }> {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [row] = await this.dataSource.query('SELECT 42 AS done');
    return { done: row.done };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

describe('shutdownGracefully', () => {
  it('lets an in-flight request finish, refuses new ones, then closes the database', async () => {
    const embedded = await startEmbeddedPostgres('memory');
    let databaseClosed = false;
    const database = { close: () => embedded.close().then(() => void (databaseClosed = true)) };
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot({
          config: loadConfig({
            LOG_LEVEL: 'silent',
            DEMO: 'off',
            SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
            SYNC_HOURLY_CRON: 'off',
            SYNC_DAILY_CRON: 'off',
          }),
          databaseUrl: embedded.url,
          serveDashboard: false,
        }),
        SlowModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const inFlight = fetch(`${base}/api/test-slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the request is now being handled
    const shutdown = shutdownGracefully(app, database);

    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    expect(await inFlight).toEqual({ status: 200, body: { done: 42 } });
    await shutdown;
    expect(databaseClosed).toBe(true);
  });
});
