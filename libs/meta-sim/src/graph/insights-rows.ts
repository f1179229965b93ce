import type { ActionValue, InsightsQuery, SimInsightRow } from '../types.js';
import { invalidParam } from './errors.js';
import type { WorldIndex } from './world-index.js';

export type Row = Record<string, unknown>;
type Level = InsightsQuery['level'];
type Getter = (row: SimInsightRow, index: WorldIndex, level: Level) => unknown;

const LEVEL_DEPTH: Record<Level, number> = { account: 0, campaign: 1, adset: 2, ad: 3 };
// an id or name field exists only at its level or deeper: level=campaign rows carry no ad_id
const at =
  (min: Level, get: Getter): Getter =>
  (row, index, level) =>
    LEVEL_DEPTH[level] >= LEVEL_DEPTH[min] ? get(row, index, level) : undefined;
const nameOf = (id: string, index: WorldIndex) => index.objects.get(id)?.object.name;
const ratio = (a: string, b: string, scale = 1) =>
  Number(b) > 0 ? String((Number(a) / Number(b)) * scale) : undefined;

const GETTERS: Record<string, Getter> = {
  account_id: (r) => r.account_id,
  account_name: (r, i) => (i.accounts.get(`act_${r.account_id}`) ?? i.accounts.get(r.account_id))?.name,
  account_currency: (r) => r.account_currency,
  campaign_id: at('campaign', (r) => r.campaign_id),
  campaign_name: at('campaign', (r, i) => nameOf(r.campaign_id, i)),
  adset_id: at('adset', (r) => r.adset_id),
  adset_name: at('adset', (r, i) => nameOf(r.adset_id, i)),
  ad_id: at('ad', (r) => r.ad_id),
  ad_name: at('ad', (r, i) => nameOf(r.ad_id, i)),
  objective: at('campaign', (r, i) => {
    const campaign = i.objects.get(r.campaign_id)?.object;
    return campaign && 'objective' in campaign ? campaign.objective : undefined;
  }),
  date_start: (r) => r.date_start,
  date_stop: (r) => r.date_stop,
  spend: (r) => r.spend,
  impressions: (r) => r.impressions,
  reach: (r) => r.reach,
  clicks: (r) => r.clicks,
  actions: (r) => r.actions,
  cost_per_action_type: (r) => r.cost_per_action_type,
  ctr: (r) => ratio(r.clicks, r.impressions, 100),
  cpc: (r) => ratio(r.spend, r.clicks),
  cpm: (r) => ratio(r.spend, r.impressions, 1000),
  frequency: (r) => ratio(r.impressions, r.reach),
};

export function checkInsightFields(fields: string[]): void {
  fields.forEach((field, i) => {
    if (!GETTERS[field])
      throw invalidParam(`fields[${i}] must be one of the following values: ${Object.keys(GETTERS).join(', ')}`);
  });
}

/** One row as Graph answers it: the requested fields, then date_start/date_stop, which Graph always adds. */
export function shapeRow(
  index: WorldIndex,
  row: SimInsightRow,
  level: Level,
  fields: string[],
  windows: string[],
): Row {
  const out: Row = {};
  for (const field of fields) {
    const value = GETTERS[field]?.(row, index, level);
    if (value === undefined) continue;
    out[field] = windows.length && Array.isArray(value) ? withWindows(value as ActionValue[], windows, field) : value;
  }
  out['date_start'] = row.date_start;
  out['date_stop'] = row.date_stop;
  return out;
}

/**
 * Per-window action values. The world models one (Meta's default, 7-day click + 1-day view) figure;
 * the others are derived so they keep Meta's ordering: 1d_click ≤ 7d_click ≤ 28d_click, views small.
 */
function withWindows(actions: ActionValue[], windows: string[], field: string): Row[] {
  const share: Record<string, number> = { '1d_click': 0.85, '7d_click': 1, '28d_click': 1.1, '1d_view': 0 };
  return actions.map((a) => {
    const entry: Row = { ...a };
    const value = Number(a.value);
    const isCost = field.startsWith('cost_per');
    for (const w of windows) {
      const v = value * (share[w] ?? (w.endsWith('_view') ? 0 : 1));
      entry[w] = isCost ? v.toFixed(6) : String(Math.round(v));
    }
    return entry;
  });
}
