import type { ActionValue, InsightsQuery, SimInsightRow } from '../types.js';
import { dateOfDayNumber, dayNumber, localDayNumber } from './calendar.js';
import { ACTION_TYPES, adDayFigures, type Figures } from './ad-day.js';
import type { AccountModel } from './model.js';
import type { SimWorld } from './sim-world.js';
import type { Stream } from './streams.js';

type Ids = Pick<SimInsightRow, 'campaign_id' | 'adset_id' | 'ad_id'>;
type Bucket = { ids: Ids; figures: Figures };

/**
 * Graph's insights for one account: ad rows computed per (ad, local day), summed up to the level asked.
 * Levels above `ad` leave the finer ids empty (''); days and objects without delivery are omitted.
 */
export function* worldInsights(world: SimWorld, query: InsightsQuery): Generator<SimInsightRow> {
  const account = world.structure.accounts.find(
    (a) => a.account.id === query.accountId || a.account.accountId === query.accountId,
  );
  if (!account) throw new Error(`Unknown ad account ${query.accountId}.`);
  const streams = world.streams.filter((s) => s.ad?.account === account);
  const range = world.dayRange();
  const since = Math.max(dayNumber(query.since), range.first);
  const until = Math.min(dayNumber(query.until), range.last);
  const pulledAt = query.pulledAt?.getTime() ?? world.structure.worldEnd;
  const pullDay = localDayNumber(pulledAt, account.account.timezoneName);
  const figuresOf = (s: Stream, day: number): Figures | undefined => adDayFigures(world, s, day, pulledAt, pullDay);
  if (query.timeIncrement === 1) {
    for (let day = since; day <= until; day += 1) {
      const buckets = new Map<string, Bucket>();
      for (const s of streams) addTo(buckets, idsAt(query.level, s), figuresOf(s, day));
      yield* rows(account, buckets, dateOfDayNumber(day), dateOfDayNumber(day));
    }
    return;
  }
  const buckets = new Map<string, Bucket>();
  for (const s of streams)
    for (let day = since; day <= until; day += 1) addTo(buckets, idsAt(query.level, s), figuresOf(s, day));
  yield* rows(account, buckets, query.since, query.until);
}

function idsAt(level: InsightsQuery['level'], s: Stream): Ids {
  const ad = s.ad?.ad;
  const deep = (l: InsightsQuery['level'][]): boolean => l.includes(level);
  return {
    campaign_id: ad && deep(['campaign', 'adset', 'ad']) ? ad.campaignId : '',
    adset_id: ad && deep(['adset', 'ad']) ? ad.adsetId : '',
    ad_id: ad && level === 'ad' ? ad.id : '',
  };
}

function addTo(buckets: Map<string, Bucket>, ids: Ids, f: Figures | undefined): void {
  if (!f) return;
  const key = `${ids.campaign_id}/${ids.adset_id}/${ids.ad_id}`;
  const bucket = buckets.get(key);
  if (!bucket) {
    buckets.set(key, { ids, figures: { ...f, actions: [...f.actions] } });
    return;
  }
  const sum = bucket.figures;
  sum.spendCents += f.spendCents;
  sum.impressions += f.impressions;
  // reach de-duplicates people across ads in Graph; a sum is an upper bound, good enough for a simulator
  sum.reach += f.reach;
  sum.clicks += f.clicks;
  f.actions.forEach((n, i) => (sum.actions[i] = (sum.actions[i] ?? 0) + n));
}

function* rows(
  account: AccountModel,
  buckets: Map<string, Bucket>,
  start: string,
  stop: string,
): Generator<SimInsightRow> {
  for (const { ids, figures } of buckets.values()) {
    const actions: ActionValue[] = [];
    const costs: ActionValue[] = [];
    ACTION_TYPES.forEach((type, i) => {
      const n = figures.actions[i] ?? 0;
      if (n <= 0) return;
      actions.push({ action_type: type, value: String(n) });
      costs.push({ action_type: type, value: costPer(figures.spendCents, n) });
    });
    yield {
      account_id: account.account.accountId,
      ...ids,
      date_start: start,
      date_stop: stop,
      account_currency: account.account.currency,
      spend: money(figures.spendCents),
      impressions: String(figures.impressions),
      reach: String(figures.reach),
      clicks: String(figures.clicks),
      ...(actions.length > 0 ? { actions, cost_per_action_type: costs } : {}),
    };
  }
}

/** Cents to Graph's decimal string with two places, without float rounding surprises. */
export function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function costPer(cents: number, n: number): string {
  return (cents / 100 / n).toFixed(6).replace(/\.?0+$/, '');
}
