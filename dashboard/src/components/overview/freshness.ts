import type { Alert, Freshness } from '../../data/alerts/alerts-query';
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
 * The Messenger lines: each page's last webhook (GET /api/alerts `freshness`), stale when the page's
 * silence alert says it went quiet against its own rhythm (a quiet night is not stale).
 */
export function webhookLines(pages: Freshness['pages'], alerts: Alert[], now: number, locale?: string) {
  if (pages.length === 0) return [{ text: 'No Messenger page connected yet', stale: false }];
  const silent = new Map(alerts.filter((a) => a.kind === 'webhooks_silent').map((a) => [a.subject.id, a]));
  return pages.map((page): FreshnessLine => {
    const name = page.name ?? page.id;
    const alert = silent.get(page.id);
    const at = page.lastWebhookAt ?? alert?.since ?? undefined;
    return {
      text: at ? `Last webhook from ${name} ${formatAgo(at, now, locale)}` : `No webhook from ${name} yet`,
      stale: !!alert,
      ...(at ? { at } : {}),
      ...(alert ? { why: alert.message } : {}),
    };
  });
}
