import type { InsightsQuery, SimAdAccount, SimInsightRow } from '../types.js';
import type { ServerState } from './context.js';
import { dateRange, daysIn } from './dates.js';
import { invalidParam } from './errors.js';
import { filterRules, matchesAll, type FilterRule } from './filtering.js';
import { listParam, stringParam, type Params } from './request.js';
import { shapeRow, checkInsightFields, type Row } from './insights-rows.js';

export type Level = InsightsQuery['level'];
const LEVELS: Level[] = ['account', 'campaign', 'adset', 'ad'];
const WINDOWS = ['1d_click', '7d_click', '28d_click', '1d_view', '7d_view', '28d_view', '1d_ev', 'dda', 'default'];

/** Everything one insights request asks for, validated up front so errors come before any work. */
export type InsightsSpec = {
  account: SimAdAccount;
  /** Rows are kept only for this object (a campaign, ad set or ad node); absent on the account node. */
  scope?: { level: Level; id: string };
  query: InsightsQuery;
  fields: string[];
  rules: FilterRule[];
  windows: string[];
};

export function insightsSpec(
  state: ServerState,
  account: SimAdAccount,
  params: Params,
  scope?: InsightsSpec['scope'],
): InsightsSpec {
  const requested = stringParam(params, 'level') ?? scope?.level ?? 'account';
  if (!LEVELS.includes(requested as Level))
    throw invalidParam(`level must be one of the following values: ${LEVELS.join(', ')}`);
  // a node answers at its own level or deeper
  const level = scope && depth(scope.level) > depth(requested as Level) ? scope.level : (requested as Level);
  const increment = stringParam(params, 'time_increment') ?? 'all_days';
  if (increment !== '1' && increment !== 'all_days')
    throw invalidParam('time_increment must be 1 or all_days in this simulator');
  const windows = listParam(params, 'action_attribution_windows') ?? [];
  for (const w of windows)
    if (!WINDOWS.includes(w)) throw invalidParam(`action_attribution_windows must be one of ${WINDOWS.join(', ')}`);
  const fields = listParam(params, 'fields') ?? ['date_start', 'date_stop', 'impressions', 'spend'];
  checkInsightFields(fields);
  const range = dateRange(params, state.now(), account.timezoneName);
  const query: InsightsQuery = {
    accountId: account.id,
    level,
    ...range,
    timeIncrement: increment === '1' ? 1 : 'all_days',
    pulledAt: new Date(state.now()),
  };
  return { account, scope, query, fields, rules: filterRules(params), windows };
}

const depth = (level: Level) => LEVELS.indexOf(level);

/** How much a request asks for, in object-days, the unit Meta's "reduce the amount of data" is about. */
export function objectDays(state: ServerState, spec: InsightsSpec): number {
  const { level } = spec.query;
  if (level === 'account') return daysIn(spec.query);
  const lists = { campaign: state.index.campaigns, adset: state.index.adsets, ad: state.index.ads };
  const scope = spec.scope;
  const objects = (lists[level].get(spec.account.id) ?? []).filter(
    (o: { id: string; campaignId?: string; adsetId?: string }) =>
      !scope || o.id === scope.id || o.campaignId === scope.id || o.adsetId === scope.id,
  );
  return Math.max(1, objects.length) * daysIn(spec.query);
}

/** A key that names the result set, so paging continues the same stream (paging params excluded). */
export function specKey(spec: InsightsSpec): string {
  const { pulledAt: _pulledAt, ...query } = spec.query;
  return JSON.stringify([spec.scope, query, spec.fields, spec.rules, spec.windows]);
}

/** Streams the rows Graph would answer: the world's rows, scoped, filtered, shaped to the fields asked. */
export function* insightRows(state: ServerState, spec: InsightsSpec): Iterable<Row> {
  const { index } = state;
  const level = spec.query.level;
  const showsDeleted = spec.rules.some((r) => r.field === `${level}.effective_status`);
  for (const row of index.world.insights(spec.query)) {
    if (spec.scope && idAt(row, spec.scope.level) !== spec.scope.id) continue;
    if (
      level !== 'account' &&
      !showsDeleted &&
      index.objects.get(idAt(row, level))?.object.effectiveStatus === 'DELETED'
    )
      continue;
    if (!matchesAll(row, spec.rules, (r, field) => filterValue(state, r, field))) continue;
    yield shapeRow(index, row, level, spec.fields, spec.windows);
  }
}

const idAt = (row: SimInsightRow, level: Level): string =>
  level === 'account'
    ? row.account_id
    : level === 'campaign'
      ? row.campaign_id
      : level === 'adset'
        ? row.adset_id
        : row.ad_id;

/** Insights filter fields: `ad.id`, `campaign.effective_status`, `adset.name`, or a metric such as `spend`. */
function filterValue(state: ServerState, row: SimInsightRow, field: string): unknown {
  const match = /^(campaign|adset|ad)\.(\w+)$/.exec(field);
  if (!match) return (row as Record<string, unknown>)[field];
  const [, level, name] = match as unknown as [string, Level, string];
  const id = idAt(row, level);
  if (name === 'id') return id;
  const object = state.index.objects.get(id)?.object;
  if (!object) return undefined;
  return name === 'effective_status' ? object.effectiveStatus : name === 'name' ? object.name : undefined;
}
