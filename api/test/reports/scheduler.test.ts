import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportsScheduler } from '../../src/reports/reports.scheduler.js';
import { WorkspacesRepository } from '../../src/workspaces/workspaces.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const PAGE = '104857600000023';

describe.each(databaseKinds)('the weekly schedule with two app instances on %s', (kind) => {
  let db: TestDatabase;
  const instances: RunningApp[] = [];

  /** Both instances tick at the same moment, as their crons would. */
  const tickBoth = async (now: string) => {
    const results = await Promise.all(instances.map((i) => i.app.get(ReportsScheduler).tick(new Date(now))));
    return results.flatMap((r) => r.made);
  };
  const weeks = async () =>
    (await instances[0]!.sql.query(
      `SELECT w.slug, r.week, count(*)::int AS n, min(r.status) AS status FROM report r JOIN workspace w ON w.id = r.workspace_id
       WHERE r.kind = 'weekly' GROUP BY 1, 2 ORDER BY 1, 2`,
    )) as { slug: string; week: string; n: number; status: string }[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const env = { META_APP_SECRET: 'schedule-secret', META_PAGE_IDS: PAGE };
    instances.push(await startTestApp(db.url, env));
    instances.push(await startTestApp(db.url, env));
    // the test drives the ticks: the real five-minute cron must not add reports of its own
    for (const i of instances) i.app.get(SchedulerRegistry).deleteCronJob('reports-weekly');
    const first = instances[0]!;
    // "default" (UTC, its page) reports at 11:00; "west" (Los Angeles, an ad account) at the default 06:00
    const put = await first.api('/api/reports/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ weeklyEnabled: true, weeklyTime: '11:00', recipients: [] }),
    });
    expect(put.status).toBe(200);
    const west = await first.app.get(WorkspacesRepository).ensure('west', 'West', 'America/Los_Angeles');
    await first.sql.query(
      `INSERT INTO ad_account (workspace_id, id, currency, timezone_name) VALUES ($1, 'act_9', 'USD', 'America/Los_Angeles')`,
      [west.id],
    );
    // a workspace with nothing connected gets no report
    await first.app.get(WorkspacesRepository).ensure('empty', 'Empty');
  });
  afterAll(async () => {
    for (const i of instances.reverse()) await i.close();
    await db?.drop();
  });

  it('makes each due week once per workspace, whichever instance gets there, once its data is in', async () => {
    // Monday 2 November 10:00 UTC: 02:00 in Los Angeles; neither workspace's hour has come for the week just ended
    expect(await tickBoth('2026-11-02T10:00:00Z')).toHaveLength(2);
    expect(await weeks()).toEqual([
      { slug: 'default', week: '2026-W43', n: 1, status: 'ready' },
      { slug: 'west', week: '2026-W43', n: 1, status: 'ready' },
    ]);
    // 11:00 in UTC has come, 06:00 in Los Angeles has not
    expect(await tickBoth('2026-11-02T11:00:00Z')).toHaveLength(1);
    // 06:05 in Los Angeles, but no ads sync since its week ended: west waits for its data
    expect(await tickBoth('2026-11-02T14:05:00Z')).toHaveLength(0);
    await instances[0]!.sql.query(
      `INSERT INTO sync_run (workspace_id, account_id, kind, since, until, status, days_total, finished_at)
       SELECT id, 'act_9', 'hourly', '2026-11-01', '2026-11-02', 'succeeded', 2, '2026-11-02T08:30:00Z' FROM workspace WHERE slug = 'west'`,
    );
    expect(await tickBoth('2026-11-02T14:10:00Z')).toHaveLength(1);
    expect(await tickBoth('2026-11-02T14:15:00Z')).toHaveLength(0);
    expect(await weeks()).toEqual([
      { slug: 'default', week: '2026-W43', n: 1, status: 'ready' },
      { slug: 'default', week: '2026-W44', n: 1, status: 'ready' },
      { slug: 'west', week: '2026-W43', n: 1, status: 'ready' },
      { slug: 'west', week: '2026-W44', n: 1, status: 'ready' },
    ]);
  });

  it('lists the scheduled report in the history as made by the schedule', async () => {
    const list = (await (await instances[1]!.api('/api/reports')).json()) as {
      reports: { week: string; requestedBy: string; generatedAt: string }[];
    };
    expect(list.reports.map((r) => [r.week, r.requestedBy])).toEqual([
      ['2026-W44', 'schedule'],
      ['2026-W43', 'schedule'],
    ]);
  });
});
