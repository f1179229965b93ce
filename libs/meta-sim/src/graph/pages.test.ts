import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWorld } from './fake-world.js';
import { startGraphServer, type GraphServer } from './server.js';
import { errorOf, followPages, graph } from './test-helpers.js';

const world = fakeWorld('2025-06-30', 30);
const page = 'PAGE-TOKEN-501';
const now = Date.parse('2025-07-01T12:00:00Z');
let server: GraphServer;

beforeAll(async () => {
  server = await startGraphServer(world, { now: () => now });
});
afterAll(() => server.close());

const eventsOf501 = [...world.events(0, now)].filter((w) => w.pageId === '501');
const lastSeen = new Map<string, number>();
for (const w of eventsOf501) lastSeen.set(w.event.sender?.id ?? '', w.time);

describe('page and webhook subscription', () => {
  it('reads page fields', async () => {
    const reply = await graph(server, '501', { access_token: page, fields: 'name,username,link' });
    expect(reply.body).toEqual({ id: '501', name: 'Acme', username: 'acme', link: 'https://www.facebook.com/acme' });
  });

  it('subscribes the app to webhook fields and lists the subscription', async () => {
    expect((await graph(server, '501/subscribed_apps', { access_token: page })).body).toEqual({ data: [] });
    const fields = 'messages,messaging_postbacks,messaging_referrals';
    const ok = await graph(server, '501/subscribed_apps', { access_token: page, subscribed_fields: fields }, 'POST');
    expect(ok.body).toEqual({ success: true });
    const listed = await graph(server, '501/subscribed_apps', { access_token: page });
    expect((listed.body['data'] as { subscribed_fields: string[] }[])[0]?.subscribed_fields).toEqual(fields.split(','));
  });

  it.each([
    ['an unknown field', { access_token: page, subscribed_fields: 'messages,likes' }, 100],
    ['a system-user token', { access_token: world.systemUserToken, subscribed_fields: 'messages' }, 210],
    ['another page token', { access_token: 'PAGE-TOKEN-502', subscribed_fields: 'messages' }, 210],
  ])('refuses a subscription with %s', async (_name, params, code) => {
    expect(errorOf(await graph(server, '501/subscribed_apps', params, 'POST'))['code']).toBe(code);
  });
});

describe('conversations', () => {
  it('pages every thread of the page once, most recent first, with its message count', async () => {
    const first = await graph(server, '501/conversations', {
      access_token: page,
      fields: 'participants,updated_time,message_count',
      limit: 5,
    });
    const { rows } = await followPages(first);
    expect(rows).toHaveLength(lastSeen.size);
    const times = rows.map((r) => Date.parse(String(r['updated_time']).replace('+0000', 'Z')));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const thread = rows[0] as { id: string; message_count: number; participants: { data: { id: string }[] } };
    const psid = thread.participants.data[0]?.id ?? '';
    expect(thread.participants.data[1]?.id).toBe('501');
    expect(thread.message_count).toBe(eventsOf501.filter((w) => w.event.sender?.id === psid).length);
    const messages = await followPages(
      await graph(server, `${thread.id}/messages`, { access_token: page, fields: 'message,from', limit: 10 }),
    );
    expect(messages.rows).toHaveLength(thread.message_count);
    expect((messages.rows[0] as { from: { id: string } }).from.id).toBe(psid);
  });
});

describe('Send API', () => {
  const send = (psid: string, extra: Record<string, unknown> = {}) =>
    graph(
      server,
      '501/messages',
      { access_token: page, recipient: { id: psid }, message: { text: 'Hi!' }, messaging_type: 'RESPONSE', ...extra },
      'POST',
    );
  const recent = [...lastSeen].find(([psid, t]) => now - t < 24 * 3_600_000 && psid !== '5013')?.[0] ?? '';
  const stale = [...lastSeen].find(([psid, t]) => now - t > 24 * 3_600_000 && psid !== '5013')?.[0] ?? '';

  it('delivers within 24 hours of the person’s last message', async () => {
    const reply = await send(recent);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ recipient_id: recent, message_id: expect.stringMatching(/^m_/) as string });
    expect(server.sent.at(-1)).toMatchObject({ pageId: '501', recipientId: recent });
  });

  it('refuses outside the window without a tag (10 / 2018278), accepts with an allowed tag', async () => {
    expect(errorOf(await send(stale))).toMatchObject({ code: 10, error_subcode: 2018278 });
    const tagged = await send(stale, { messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' });
    expect(tagged.status).toBe(200);
  });

  it('answers 551 for a person who blocked the page, and 100 for an unknown person', async () => {
    expect(errorOf(await send('5013'))).toMatchObject({
      code: 551,
      message: expect.stringContaining("isn't available right now") as string,
    });
    expect(errorOf(await send('999999'))).toMatchObject({ code: 100, error_subcode: 2018001 });
  });
});
