import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { alertsKeys } from './keys';

export type AlertKind =
  | 'demo'
  | 'token_invalid'
  | 'token_expiring'
  | 'sync_failing'
  | 'sync_stale'
  | 'block_rate'
  | 'policy_enforcement'
  | 'webhooks_silent';
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** One alert of GET /api/alerts: what is wrong, in one sentence, and about what. */
export type Alert = {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: {
    type: 'workspace' | 'connection' | 'ad_account' | 'page' | 'campaign' | 'ref';
    id: string;
    name: string | null;
  };
  message: string;
  since: string | null;
  /** the numbers behind a block-rate or silence alert (an interval as [low, high]) */
  figures?: Record<string, number | number[]>;
};

export type Alerts = {
  generatedAt: string;
  blockRateRange: { from: string; to: string };
  blockRate: { threshold: number; minContacts: number };
  alerts: Alert[];
  freshness: Freshness;
};

/** Each page's last webhook and each ad account's last insights sync. */
export type Freshness = {
  pages: { id: string; name: string | null; lastWebhookAt: string | null }[];
  adAccounts: { id: string; name: string | null; insightsSyncedAt: string | null }[];
};

export const getAlerts = () => apiFetch<Alerts>('/api/alerts');

/** Every role may read the alerts; polled, so a token that goes bad shows up on an open dashboard. */
export function useAlertsQuery() {
  return useQuery({ queryKey: alertsKeys.list(), queryFn: getAlerts, refetchInterval: 5 * 60_000 });
}
