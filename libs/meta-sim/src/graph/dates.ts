import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  format,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
  subMonths,
} from 'date-fns';
import { GraphError, invalidParam } from './errors.js';
import { jsonParam, stringParam, type Params } from './request.js';

export type DateRange = { since: string; until: string };

const ymd = (d: Date) => format(d, 'yyyy-MM-dd');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Presets resolve in the ad account's time zone, relative to the server's clock, as Meta's do. */
const PRESETS: Record<string, (today: TZDate) => [Date, Date]> = {
  today: (t) => [t, t],
  yesterday: (t) => [addDays(t, -1), addDays(t, -1)],
  last_3d: (t) => [addDays(t, -3), addDays(t, -1)],
  last_7d: (t) => [addDays(t, -7), addDays(t, -1)],
  last_14d: (t) => [addDays(t, -14), addDays(t, -1)],
  last_28d: (t) => [addDays(t, -28), addDays(t, -1)],
  last_30d: (t) => [addDays(t, -30), addDays(t, -1)],
  last_90d: (t) => [addDays(t, -90), addDays(t, -1)],
  this_month: (t) => [startOfMonth(t), t],
  last_month: (t) => [startOfMonth(subMonths(t, 1)), addDays(startOfMonth(t), -1)],
  this_quarter: (t) => [startOfQuarter(t), t],
  this_week_mon_today: (t) => [startOfWeek(t, { weekStartsOn: 1 }), t],
  last_week_mon_sun: (t) => [
    addDays(startOfWeek(t, { weekStartsOn: 1 }), -7),
    addDays(startOfWeek(t, { weekStartsOn: 1 }), -1),
  ],
  this_year: (t) => [startOfYear(t), t],
  last_year: (t) => [startOfYear(addMonths(startOfYear(t), -1)), addDays(startOfYear(t), -1)],
  maximum: (t) => [addMonths(t, -37), t],
};

/** `time_range` wins over `date_preset`; without either Meta answers the last 30 days. */
export function dateRange(params: Params, now: number, timezone: string): DateRange {
  const today = new TZDate(now, timezone);
  const range = jsonParam(params, 'time_range') as Partial<DateRange> | undefined;
  if (range !== undefined) return checkRange(range, today);
  const preset = stringParam(params, 'date_preset') ?? 'last_30d';
  const resolve = PRESETS[preset];
  if (!resolve)
    throw invalidParam(`date_preset must be one of the following values: ${Object.keys(PRESETS).join(', ')}`);
  const [since, until] = resolve(today);
  return { since: ymd(since), until: ymd(until) };
}

function checkRange(range: Partial<DateRange>, today: TZDate): DateRange {
  const { since, until } = range ?? {};
  if (typeof since !== 'string' || typeof until !== 'string' || !DATE.test(since) || !DATE.test(until))
    throw invalidParam('Param time_range must be an object with since and until dates (YYYY-MM-DD)');
  if (since > until) throw invalidParam('Param time_range: since must not be after until');
  if (since < ymd(addMonths(today, -37)))
    throw new GraphError({
      message: '(#3018) The start date of the time range cannot be beyond 37 months from the current date',
      type: 'OAuthException',
      code: 3018,
    });
  return { since, until };
}

export function daysIn(range: DateRange): number {
  return Math.round((Date.parse(range.until) - Date.parse(range.since)) / 86_400_000) + 1;
}
