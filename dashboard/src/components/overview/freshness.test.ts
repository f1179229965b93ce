import { describe, expect, it } from 'vitest';
import type { Alert } from '../../data/alerts/alerts-query';
import type { SyncRun } from '../../data/sync/runs-query';
import { adDataLine, formatAgo, webhookLines } from './freshness';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatAgo', () => {
  it.each([
    [20_000, 'now'],
    [MIN, '1 minute ago'],
    [12 * MIN + 40_000, '12 minutes ago'],
    [3 * HOUR, '3 hours ago'],
    [30 * HOUR, '30 hours ago'],
    [50 * HOUR, '2 days ago'],
    [-5 * MIN, 'now'],
  ])('%i ms ago is "%s"', (ms, words) => {
    expect(formatAgo(ago(ms), NOW, 'en')).toBe(words);
  });
});

const run = (status: SyncRun['status'], finishedMsAgo: number, error: string | null = null): SyncRun => ({
  id: `${status}-${finishedMsAgo}`,
  accountId: 'act_1',
  kind: 'hourly',
  since: '2026-11-24',
  until: '2026-11-25',
  status,
  requests: 3,
  rowsWritten: 10,
  daysTotal: 2,
  daysDone: 2,
  error,
  createdAt: ago(finishedMsAgo + MIN),
  finishedAt: ago(finishedMsAgo),
});

const alert = (kind: Alert['kind'], since: string | null = null): Alert => ({
  id: kind,
  kind,
  severity: 'warning',
  subject: { type: 'page', id: '104857600000009', name: 'Acme' },
  message: `${kind} message`,
  since,
});

describe('the ad data line', () => {
  it.each([
    ['a recent success', [run('succeeded', 12 * MIN)], [], 'Ad data synced 12 minutes ago', false],
    ['an old success', [run('succeeded', 5 * HOUR)], [], 'Ad data synced 5 hours ago', true],
    [
      'a failure after a success',
      [run('failed', MIN, 'Meta said no'), run('succeeded', HOUR)],
      [],
      'Ad data synced 1 hour ago',
      true,
    ],
    ['a sync alert', [run('succeeded', 10 * MIN)], [alert('sync_failing')], 'Ad data synced 10 minutes ago', true],
    ['only failures', [run('failed', MIN, 'Meta said no')], [], 'Ad data not synced yet', true],
    ['no runs at all', [], [], 'No ad data synced yet: no ad account is connected', false],
  ])('%s', (_, runs, alerts, text, stale) => {
    const failed = runs.filter((r) => r.status === 'failed');
    const succeeded = runs.filter((r) => r.status === 'succeeded');
    const sync = { succeeded: succeeded[0] ?? null, latest: runs[0] ?? null, anyRuns: runs.length > 0 };
    const line = adDataLine(sync, alerts, NOW, 'en');
    expect(line.text).toBe(text);
    expect(line.stale).toBe(stale);
    if (alerts.length) expect(line.why).toBe('sync_failing message');
    else if (failed.length) expect(line.why).toBe('The last sync failed: Meta said no');
  });
});

describe('the webhook lines', () => {
  const page = (lastWebhookAt: string | null) => ({ id: 'p1', name: 'Acme', lastWebhookAt });
  it("say when each page's last webhook came", () => {
    expect(webhookLines([page(ago(3 * MIN))], [alert('demo')], NOW, 'en')).toEqual([
      { text: 'Last webhook from Acme 3 minutes ago', stale: false, at: ago(3 * MIN) },
    ]);
    expect(webhookLines([page(null)], [], NOW, 'en')[0]!.text).toBe('No webhook from Acme yet');
    expect(webhookLines([], [], NOW, 'en')[0]!.text).toBe('No Messenger page connected yet');
  });

  it('warn on a page its silence alert names, with the reason', () => {
    const silent = {
      ...alert('webhooks_silent', ago(5 * HOUR)),
      subject: { type: 'page' as const, id: 'p1', name: 'Acme' },
    };
    expect(webhookLines([page(ago(5 * HOUR))], [silent], NOW, 'en')).toEqual([
      {
        text: 'Last webhook from Acme 5 hours ago',
        stale: true,
        at: ago(5 * HOUR),
        why: 'webhooks_silent message',
      },
    ]);
  });
});
