import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { deliverMessaging, startTestApp, type RunningApp } from '../support/test-app.js';
import { readXlsx } from './files.js';

const SECRET = 'dst-secret';
const PAGE = '104857600000022';
// 2026-W43 is 19 to 25 October; Berlin leaves summer time on Sunday the 25th at 03:00 (CEST → CET)
const WEEK = '2026-W43';
const DAYS = ['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25'];

/** A moment given as Berlin's wall-clock time on a day (UTC+2 until the 25th at 03:00, then UTC+1). */
function berlin(day: string, time: string): number {
  const offset = day < '2026-10-25' || (day === '2026-10-25' && time < '03:00') ? '+02:00' : '+01:00';
  return Date.parse(`${day}T${time}:00${offset}`);
}

describe.each(databaseKinds)('a week across a daylight-saving change, on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let content: {
    daily: { day: string; newContacts: number }[];
    headline: { observed: { id: string; value: number }[] };
  };
  let reportId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    await running.sql.query(`UPDATE workspace SET time_zone = 'Europe/Berlin' WHERE slug = 'default'`);
    // two people a day, just after midnight and just before the next, Berlin time; and one either side of the week
    const times = [
      berlin('2026-10-18', '23:30'),
      ...DAYS.flatMap((d) => [berlin(d, '00:30'), berlin(d, '23:30')]),
      berlin('2026-10-26', '00:30'),
    ];
    await deliverMessaging(running, {
      secret: SECRET,
      page: PAGE,
      messaging: times.map((timestamp, i) => ({
        sender: { id: String(7312345600009000 + i) },
        recipient: { id: PAGE },
        timestamp,
        message: { mid: `m_dst_${i}`, text: 'Hallo' },
      })),
    });
    const res = await running.api('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ week: WEEK }),
    });
    expect(res.status).toBe(201);
    reportId = ((await res.json()) as { id: string }).id;
    content = ((await (await running.api(`/api/reports/${reportId}`)).json()) as { content: typeof content }).content;
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('has seven days of data, none twice, each with its own two contacts', () => {
    expect(content.daily.map((d) => d.day)).toEqual(DAYS);
    expect(content.daily.map((d) => d.newContacts)).toEqual(DAYS.map(() => 2));
    expect(content.headline.observed.find((f) => f.id === 'newContacts')?.value).toBe(14);
  });

  it('the XLSX’s day-by-day sheet says the same', async () => {
    const res = await running.api(`/api/reports/${reportId}/download?format=xlsx`);
    const sheet = (await readXlsx(await res.arrayBuffer())).sheet('Day by day');
    expect(sheet.rows.slice(1).map((r) => [r[0], r[1]])).toEqual(DAYS.map((d) => [d, 2]));
  });
});
