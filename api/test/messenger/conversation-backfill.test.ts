import { createWorld, startGraphServer, type GraphServer, type World } from '@ctm/meta-sim';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { BACKFILL_SOURCE } from '../../src/messenger/contact-builder.js';
import { ConversationBackfill } from '../../src/messenger/conversation-backfill.service.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const today = new Date().toISOString().slice(0, 10);

describe.each(databaseKinds)('the conversation backfill on %s', (kind) => {
  let db: TestDatabase;
  let world: World;
  let graph: GraphServer;
  let app: Awaited<ReturnType<typeof createApp>>;
  let sql: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    world = createWorld({ seed: 5, size: 'tiny', endDate: today });
    graph = await startGraphServer(world);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DEMO: 'off',
      SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
      SYNC_HOURLY_CRON: 'off',
      SYNC_DAILY_CRON: 'off',
      CONVERSATIONS_BACKFILL_CRON: 'off',
      META_ACCESS_TOKEN: world.systemUserToken,
      META_AD_ACCOUNT_IDS: world.accounts.map((a) => a.id).join(','),
      META_PAGE_IDS: world.pages.map((p) => p.id).join(','),
      META_GRAPH_URL: graph.url,
    });
    app = await createApp({ config, databaseUrl: db.url });
    await app.init();
    sql = app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await app?.close();
    await graph?.close();
    await db?.drop();
  });

  it('stores every message of the last 30 days that no webhook delivered, once', async () => {
    const backfill = app.get(ConversationBackfill);
    const [result] = await backfill.runAll();
    const since = Date.now() - 30 * 86_400_000;
    const page = world.pages[0]!;
    const expected = new Set<string>();
    for (const w of world.events(since, Date.now())) {
      const mid = (w.event['message'] as { mid?: string } | undefined)?.mid;
      if (w.pageId === page.id && mid && w.event.sender?.id) expected.add(`mid:${mid}`);
    }
    const stored: { event_id: string }[] = await sql.query(`SELECT event_id FROM messenger_event WHERE page_id = $1`, [
      page.id,
    ]);
    expect(new Set(stored.map((r) => r.event_id))).toEqual(expected);
    expect(result).toMatchObject({ pageId: page.id, newEvents: expected.size });
    expect(expected.size).toBeGreaterThan(50);

    // contacts seen only this way are of unknown source, not "organic": their opening webhook was missed
    const sources: { first_source: string }[] = await sql.query(`SELECT DISTINCT first_source FROM contact`);
    expect(sources).toEqual([{ first_source: BACKFILL_SOURCE }]);

    const [again] = await backfill.runAll();
    expect(again).toMatchObject({ newEvents: 0 });
  });
});
