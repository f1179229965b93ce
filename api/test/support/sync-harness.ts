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
import { MetaConnections } from '../../src/meta/meta-connections.js';
import { SDK_TIMEOUT_MS } from '../../src/meta/meta.module.js';
import { startGraphProxy, type GraphProxy } from './graph-proxy.js';

/** Real time, but every wait (report polling, backoff, rate-limit pauses) 50 times shorter. */
export const fastClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 50)),
};

export type SyncHarness = {
  app: INestApplication;
  world: World;
  graph: GraphServer;
  /** Every call the app made, through a logging proxy in front of the simulator. */
  proxy: GraphProxy;
  /** Each account's own token (all mapped onto the world's system token until expired). */
  tokens: Record<string, string>;
  close(): Promise<void>;
};

export type HarnessOptions = {
  /** The app's clock reading (its sleeps stay 50× short): share it with the Graph server to move both in time. */
  now?: () => number;
  /** How many times shorter every wait is (default 50, as fastClock). */
  speed?: number;
  /** The SDK's HTTP timeout, shorter than the simulator's hangs. */
  sdkTimeoutMs?: number;
  /** Another harness's Graph server and world to share (two instances on one database). */
  shared?: { world: World; graph: GraphServer };
};

/** The app (no HTTP listener, no cron) on a test database, syncing from a simulated world over the SDK. */
export async function startSyncHarness(
  databaseUrl: string,
  world: { seed: number; size: WorldSize; endDate: string },
  graphOptions: GraphServerOptions = {},
  options: HarnessOptions = {},
): Promise<SyncHarness> {
  const w = options.shared?.world ?? createWorld(world);
  const graph = options.shared?.graph ?? (await startGraphServer(w, graphOptions));
  const tokens = Object.fromEntries(w.accounts.map((a) => [a.id, `token-of-${a.id}`]));
  const proxy = await startGraphProxy(
    graph,
    Object.fromEntries(Object.values(tokens).map((t) => [t, w.systemUserToken])),
  );
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DEMO: 'off',
    SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
    META_ACCESS_TOKEN: w.systemUserToken,
    META_AD_ACCOUNT_IDS: w.accounts.map((a) => a.id).join(','),
    META_GRAPH_URL: proxy.url,
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
  });
  // the tests run the sync themselves (enqueue, execute, drain): a background worker draining the
  // same queue every 15 s would race them for runs, as it did two-instances.test.ts's
  config.sync.worker = false;
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, databaseUrl, serveDashboard: false })],
  })
    .overrideProvider(CLOCK)
    .useValue({
      now: options.now ?? fastClock.now,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / (options.speed ?? 50))),
    })
    .overrideProvider(SDK_TIMEOUT_MS)
    .useValue(options.sdkTimeoutMs ?? 60_000)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  // the config gave every account the system token: give each its own
  const connections = app.get(MetaConnections);
  for (const c of connections.all()) connections.add({ ...c, accessToken: tokens[c.accountId] ?? c.accessToken });
  return {
    app,
    world: w,
    graph,
    proxy,
    tokens,
    close: async () => {
      await app.close();
      await proxy.close();
      if (!options.shared) await graph.close();
    },
  };
}

/** A clock running `speed` times faster than real time from `start`, for the simulator and the app alike. */
export function fastTime(start: Date, speed = 50): () => number {
  const t0 = Date.now();
  return () => start.getTime() + (Date.now() - t0) * speed;
}
