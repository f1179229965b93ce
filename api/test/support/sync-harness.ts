import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  createWorld,
  startGraphServer,
  type GraphServer,
  type GraphServerOptions,
  type World,
  type WorldSize,
} from '@ctm/meta-sim';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import type { Clock } from '../../src/meta/clock.js';
import { CLOCK } from '../../src/meta/clock.provider.js';

/** Real time, but every wait (report polling, backoff, rate-limit pauses) 50 times shorter. */
export const fastClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 50)),
};

export type SyncHarness = { app: INestApplication; world: World; graph: GraphServer; close(): Promise<void> };

/** The app (no HTTP listener, no cron) on a test database, syncing from a simulated world over the SDK. */
export async function startSyncHarness(
  databaseUrl: string,
  world: { seed: number; size: WorldSize; endDate: string },
  graphOptions: GraphServerOptions = {},
): Promise<SyncHarness> {
  const w = createWorld(world);
  const graph = await startGraphServer(w, graphOptions);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DEMO: 'off',
    META_ACCESS_TOKEN: w.systemUserToken,
    META_AD_ACCOUNT_IDS: w.accounts.map((a) => a.id).join(','),
    META_GRAPH_URL: graph.url,
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, databaseUrl, serveDashboard: false })],
  })
    .overrideProvider(CLOCK)
    .useValue(fastClock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return {
    app,
    world: w,
    graph,
    close: async () => {
      await app.close();
      await graph.close();
    },
  };
}
