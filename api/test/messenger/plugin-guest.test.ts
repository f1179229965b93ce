import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'plugin-guest-secret';
const PAGE = '104857600000005';
const T = Date.parse('2026-11-03T09:00:00Z');
const MIN = 60_000;

/** A visitor of the website's chat plugin: a guest known by user_ref, then revealed as a PSID. */
const story = (userRef: string, psid: string) => {
  const page = { recipient: { id: PAGE } };
  return [
    {
      ...page,
      sender: { user_ref: userRef },
      timestamp: T,
      referral: {
        ref: 'pricing_page',
        source: 'CUSTOMER_CHAT_PLUGIN',
        type: 'OPEN_THREAD',
        referer_uri: 'https://shop.example/pricing',
      },
    },
    { ...page, sender: { user_ref: userRef }, timestamp: T + MIN, message: { mid: `m_${userRef}_1`, text: 'Hi' } },
    // the visitor continues in Messenger: Meta names both
    {
      ...page,
      sender: { id: psid, user_ref: userRef },
      timestamp: T + 5 * MIN,
      message: { mid: `m_${userRef}_2`, text: 'Still there?' },
    },
    { ...page, sender: { id: psid }, timestamp: T + 10 * MIN, message: { mid: `m_${userRef}_3`, text: 'Thanks' } },
  ];
};

describe.each(databaseKinds)('a chat-plugin guest revealed as a PSID on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let sql: DataSource;
  const deliver = async (items: unknown[]) => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: T, messaging: items }] });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(res.status).toBe(200);
  };
  const contactsOf = async (userRef: string, psid: string) =>
    sql.query(
      `SELECT person_key, psid, user_refs, first_source, first_ref, inbound_messages FROM contact
       WHERE page_id = $1 AND (person_key = $2 OR person_key = $3)`,
      [PAGE, psid, `uref:${userRef}`],
    );
  const expected = (userRef: string, psid: string) => [
    {
      person_key: psid,
      psid,
      user_refs: [userRef],
      first_source: 'CUSTOMER_CHAT_PLUGIN',
      first_ref: 'pricing_page',
      inbound_messages: 3,
    },
  ];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    sql = running.sql;
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('merges the guest into one PSID contact, opened by the plugin, when deliveries come one by one', async () => {
    for (const item of story('ur-a', '7312345600000021')) {
      await deliver([item]);
      await processAllWebhooks(running);
    }
    expect(await contactsOf('ur-a', '7312345600000021')).toEqual(expected('ur-a', '7312345600000021'));
    const touches = await sql.query(`SELECT source, opens_thread FROM contact_touch WHERE person_key = $1`, [
      '7312345600000021',
    ]);
    expect(touches).toEqual([{ source: 'CUSTOMER_CHAT_PLUGIN', opens_thread: true }]);
  });

  it('ends the same when the whole story comes in one delivery, in any order', async () => {
    await deliver(story('ur-b', '7312345600000022').reverse());
    await processAllWebhooks(running);
    expect(await contactsOf('ur-b', '7312345600000022')).toEqual(expected('ur-b', '7312345600000022'));
  });

  it('ends the same when the reveal comes first and the guest events later', async () => {
    const [referral, guestMessage, reveal, after] = story('ur-c', '7312345600000023');
    await deliver([reveal, after]);
    await processAllWebhooks(running);
    await deliver([guestMessage, referral]);
    await processAllWebhooks(running);
    expect(await contactsOf('ur-c', '7312345600000023')).toEqual(expected('ur-c', '7312345600000023'));
  });
});
