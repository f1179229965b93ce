import type { Alert } from '../../data/alerts/alerts-query';
import type { LastSync } from '../../data/overview/last-sync-query';

const UNITS = [
  { unit: 'day', ms: 86_400_000 },
  { unit: 'hour', ms: 3_600_000 },
  { unit: 'minute', ms: 60_000 },
] as const;

/** How long ago, in words and the user's locale: "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgo(iso: string, now: number, locale?: string): string {
  const ms = Math.max(0, now - Date.parse(iso));
  if (ms < 60_000) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  // hours up to two days, then days: "30 hours ago" says more than "yesterday"
  const { unit, ms: size } = UNITS.find((u) => ms >= u.ms * (u.unit === 'day' ? 2 : 1)) ?? UNITS[2];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(-Math.floor(ms / size), unit);
}

/** Ad data older than this is stale: the sync runs every hour, so two missed runs and a margin. */
export const AD_DATA_STALE_MS = 3 * 3_600_000;

const SYNC_ALERTS = new Set(['sync_failing', 'sync_stale', 'token_invalid']);

export type FreshnessLine = { text: string; stale: boolean; at?: string; why?: string };

/** The ad data's line: when it was last synced, stale when old or when an alert says the sync is in trouble. */
export function adDataLine(sync: LastSync, alerts: Alert[], now: number, locale?: string): FreshnessLine {
  const trouble = alerts.find((a) => SYNC_ALERTS.has(a.kind));
  const failed = sync.latest?.status === 'failed' ? sync.latest : null;
  const why = trouble?.message ?? (failed ? `The last sync failed: ${failed.error ?? 'no reason given'}` : undefined);
  if (!sync.succeeded?.finishedAt)
    return sync.anyRuns
      ? { text: 'Ad data not synced yet', stale: true, why }
      : { text: 'No ad data synced yet: no ad account is connected', stale: false, why };
  const at = sync.succeeded.finishedAt;
  const old = now - Date.parse(at) > AD_DATA_STALE_MS;
  return { text: `Ad data synced ${formatAgo(at, now, locale)}`, stale: old || !!trouble || !!failed, at, why };
}

/**
 * The Messenger line. The API says when a page's webhooks went quiet (an alert whose `since` is its
 * last arrival), not when the last one came: otherwise the newest contact is the freshest sign.
 */
export function webhookLines(newestContactAt: string | null, alerts: Alert[], now: number, locale?: string) {
  const silent = alerts.filter((a) => a.kind === 'webhooks_silent');
  if (silent.length > 0)
    return silent.map((a): FreshnessLine => ({
      text: a.since
        ? `Last webhook from page ${a.subject.name ?? a.subject.id} ${formatAgo(a.since, now, locale)}`
        : `No recent webhook from page ${a.subject.name ?? a.subject.id}`,
      stale: true,
      at: a.since ?? undefined,
      why: a.message,
    }));
  if (!newestContactAt) return [{ text: 'No Messenger contact yet', stale: false }];
  return [
    {
      text: `Webhooks arriving as usual; newest contact ${formatAgo(newestContactAt, now, locale)}`,
      stale: false,
      at: newestContactAt,
    },
  ];
}
