import { afterEach, describe, expect, it } from 'vitest';
import { fakeWorld } from '../graph/fake-world.js';
import { createWorld } from '../world/create-world.js';
import { startWebhookSender, type WebhookSenderOptions } from './sender.js';
import { receivedEvents, startReceiver } from './test-receiver.js';

const world = fakeWorld('2025-06-30', 30);
const SECRET = 'app-secret-ü';
const VERIFY = 'verify-me';
const DAY = 86_400_000;
const to = Date.parse('2025-07-01T00:00:00Z');
const week = { from: to - 7 * DAY, to };
const worldEvents = [...world.events(week.from, week.to)].map((w) => JSON.stringify(w.event));
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function deliverWeek(options: Partial<WebhookSenderOptions>, fate?: Parameters<typeof startReceiver>[2]) {
  const receiver = await startReceiver(SECRET, VERIFY, fate);
  closers.push(receiver.close);
  const sender = startWebhookSender(world, {
    url: receiver.url,
    appSecret: SECRET,
    verifyToken: VERIFY,
    clock: 'simulated',
    speedup: (7 * DAY) / 600,
    ...week,
    ...options,
  });
  const stats = await sender.run();
  const events = receivedEvents(receiver.received).map((e) => JSON.stringify(e));
  return { receiver, stats, events };
}

const counts = (list: string[]) => list.reduce((m, e) => m.set(e, (m.get(e) ?? 0) + 1), new Map<string, number>());

describe('webhook sender', () => {
  it('performs the subscribe handshake, and fails it on a wrong verify token', async () => {
    const receiver = await startReceiver(SECRET, VERIFY);
    closers.push(receiver.close);
    const good = await startWebhookSender(world, {
      url: receiver.url,
      appSecret: SECRET,
      verifyToken: VERIFY,
    }).handshake();
    expect(good).toMatchObject({ ok: true, status: 200 });
    expect(good.body).toBe(good.challenge);
    const bad = await startWebhookSender(world, {
      url: receiver.url,
      appSecret: SECRET,
      verifyToken: 'wrong',
    }).handshake();
    expect(bad).toMatchObject({ ok: false, status: 403 });
  });

  it('delivers a simulated week exactly once per event, signed, several pages per POST', async () => {
    const started = Date.now();
    const { receiver, stats, events } = await deliverWeek({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(receiver.received.every((r) => r.signatureOk && r.contentType === 'application/json')).toBe(true);
    expect(events.length).toBe(worldEvents.length);
    expect(counts(events)).toEqual(counts(worldEvents));
    expect(stats).toMatchObject({ events: worldEvents.length, duplicates: 0, failures: 0, retries: 0 });
    const first = JSON.parse(receiver.received[0]?.raw.toString() ?? '{}') as {
      object: string;
      entry: { id: string }[];
    };
    expect(first.object).toBe('page');
    expect(first.entry.map((e) => e.id)).toEqual(['501', '502']);
  });

  it('escapes non-ASCII as \\uXXXX in the bytes it signs', async () => {
    const { receiver } = await deliverWeek({ clock: 'fast' });
    const raw = receiver.received.map((r) => r.raw.toString('latin1')).join('');
    expect(raw).toMatch(/\\u00c7a co\\u00fbte combien \? \\ud83d\\ude00/);
    expect([...raw].every((ch) => ch.charCodeAt(0) < 128)).toBe(true);
  });

  it('with duplicates and shuffling: every event at least once, some twice as identical bodies, order changed', async () => {
    const { receiver, stats, events } = await deliverWeek({
      clock: 'fast',
      duplicateRate: 0.3,
      shuffleWindow: 8,
      seed: 5,
      concurrency: 1,
    });
    const got = counts(events);
    expect(worldEvents.every((e) => (got.get(e) ?? 0) >= 1)).toBe(true);
    expect(stats.duplicates).toBeGreaterThan(0);
    expect(events.length).toBe(worldEvents.length + stats.duplicates * 2);
    const bodies = counts(receiver.received.map((r) => r.raw.toString('base64')));
    expect([...bodies.values()].filter((n) => n === 2).length).toBe(stats.duplicates);
    const times = events.map((e) => (JSON.parse(e) as { timestamp: number }).timestamp);
    expect(times).not.toEqual([...times].sort((a, b) => a - b));
  });

  it('retries a receiver that fails the first attempts, until every event is delivered', async () => {
    const { stats, events } = await deliverWeek(
      { clock: 'fast', retryDelaysMs: [0, 20, 40], timeoutMs: 150 },
      (_raw, attempt) => (attempt === 1 ? 500 : attempt === 2 ? { hangMs: 400 } : 200),
    );
    expect(counts(events)).toEqual(counts(worldEvents));
    expect(stats.retries).toBe(2 * stats.deliveries);
    expect(stats.failures).toBe(0);
  });

  it('gives up after the retry span when the receiver never answers 200', async () => {
    const { stats, events } = await deliverWeek(
      { clock: 'fast', retryDelaysMs: [0, 10], giveUpAfterMs: 25 },
      () => 503,
    );
    expect(events).toHaveLength(0);
    expect(stats.deliveries).toBe(0);
    expect(stats.failures).toBeGreaterThan(0);
    // attempts at 0, +0, +10, +10 ms: a fourth retry would pass the 25 ms span
    expect(stats.posts).toBe(stats.failures * 4);
  });

  it('stops on request without delivering the rest', async () => {
    const receiver = await startReceiver(SECRET, VERIFY);
    closers.push(receiver.close);
    const sender = startWebhookSender(world, {
      url: receiver.url,
      appSecret: SECRET,
      clock: 'simulated',
      speedup: DAY / 1000,
      ...week,
    });
    const done = sender.run();
    setTimeout(() => sender.stop(), 300);
    const stats = await done;
    expect(stats.events).toBeGreaterThan(0);
    expect(stats.events).toBeLessThan(worldEvents.length);
  });

  it('delivers a simulated week of the tiny world: every event once, every signature valid', async () => {
    const tiny = createWorld({ seed: 3, size: 'tiny', endDate: '2025-06-30' });
    const expected = [...tiny.events(week.from, week.to)].map((w) => JSON.stringify(w.event));
    expect(expected.length).toBeGreaterThan(500);
    const receiver = await startReceiver(SECRET, VERIFY);
    closers.push(receiver.close);
    const sender = startWebhookSender(tiny, {
      url: receiver.url,
      appSecret: SECRET,
      clock: 'simulated',
      speedup: (7 * DAY) / 1500,
      ...week,
    });
    const stats = await sender.run();
    expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    expect(counts(receivedEvents(receiver.received).map((e) => JSON.stringify(e)))).toEqual(counts(expected));
    expect(stats.deliveries).toBeLessThan(expected.length);
  });
});
