import type { RawObject } from '../meta/marketing-api.js';

/** One ad, one day, as stored: typed columns for the figures the product uses, Graph's arrays kept whole. */
export type InsightRow = {
  adId: string;
  day: string;
  accountId: string;
  campaignId: string;
  adsetId: string;
  currency: string;
  spend: string;
  impressions: number;
  reach: number;
  clicks: number;
  linkClicks: number;
  conversationsStarted: number;
  firstReplies: number;
  totalConnections: number;
  blocks: number;
  depth2: number;
  depth3: number;
  depth5: number;
  replied7d: number;
  actions: ActionValue[];
  costPerActionType: ActionValue[];
};

export type ActionValue = { action_type: string; value: string };

/** Messaging action types (META.md §2) → the typed column that holds each. */
export const MESSAGING_ACTIONS = {
  'onsite_conversion.messaging_conversation_started_7d': 'conversationsStarted',
  'onsite_conversion.messaging_first_reply': 'firstReplies',
  'onsite_conversion.total_messaging_connection': 'totalConnections',
  'onsite_conversion.messaging_block': 'blocks',
  'onsite_conversion.messaging_user_depth_2_message_send': 'depth2',
  'onsite_conversion.messaging_user_depth_3_message_send': 'depth3',
  'onsite_conversion.messaging_user_depth_5_message_send': 'depth5',
  'onsite_conversion.messaging_conversation_replied_7d': 'replied7d',
  link_click: 'linkClicks',
} as const satisfies Record<string, keyof InsightRow>;

/** Thrown for a row Graph should never send; the sync reports it instead of storing a wrong figure. */
export class InsightRowError extends Error {
  override readonly name = 'InsightRowError';
}

/** Validates and normalises one row of `GET /insights?level=ad&time_increment=1`. */
export function toInsightRow(raw: RawObject): InsightRow {
  const text = (key: string) => {
    const v = raw[key];
    if (typeof v !== 'string' || v === '') throw new InsightRowError(`insights row without ${key}: ${brief(raw)}`);
    return v;
  };
  const day = text('date_start');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || raw['date_stop'] !== day) {
    throw new InsightRowError(
      `insights row is not one day (${String(raw['date_start'])}..${String(raw['date_stop'])})`,
    );
  }
  const actions = actionList(raw['actions']);
  const row: InsightRow = {
    adId: text('ad_id'),
    day,
    accountId: `act_${text('account_id').replace(/^act_/, '')}`,
    campaignId: text('campaign_id'),
    adsetId: text('adset_id'),
    currency: text('account_currency'),
    spend: money(raw['spend']),
    impressions: count(raw['impressions']),
    reach: count(raw['reach']),
    clicks: count(raw['clicks']),
    linkClicks: 0,
    conversationsStarted: 0,
    firstReplies: 0,
    totalConnections: 0,
    blocks: 0,
    depth2: 0,
    depth3: 0,
    depth5: 0,
    replied7d: 0,
    actions,
    costPerActionType: actionList(raw['cost_per_action_type']),
  };
  for (const { action_type, value } of actions) {
    const column = MESSAGING_ACTIONS[action_type as keyof typeof MESSAGING_ACTIONS];
    if (column) row[column] = count(value);
  }
  return row;
}

function actionList(value: unknown): ActionValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InsightRowError(`actions is not a list: ${brief(value)}`);
  return value.map((a) => {
    const { action_type, value: v } = (a ?? {}) as Record<string, unknown>;
    if (typeof action_type !== 'string') throw new InsightRowError(`action without action_type: ${brief(a)}`);
    return { action_type, value: String(v ?? '0') };
  });
}

function count(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InsightRowError(`not a count: ${brief(value)}`);
  return Math.round(n);
}

function money(value: unknown): string {
  if (value === undefined || value === null || value === '') return '0.00';
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InsightRowError(`spend is not an amount: ${brief(value)}`);
  return String(value);
}

const brief = (v: unknown) => JSON.stringify(v)?.slice(0, 200) ?? String(v);
