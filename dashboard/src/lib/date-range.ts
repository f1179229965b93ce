// Days are YYYY-MM-DD strings, as the API takes them; arithmetic runs on UTC midnights so no time
// zone or daylight-saving change can shift a day.
export type Day = string;
export type DayRange = { from: Day; to: Day };
export type Comparison = 'off' | 'previous';

/** The API refuses longer ranges. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const toUtc = (day: Day) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
const fromUtc = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);

/** Whether the text names a real calendar day as YYYY-MM-DD. */
export const isDay = (text: string | null | undefined): text is Day =>
  !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && fromUtc(toUtc(text)) === text;

export const addDays = (day: Day, n: number): Day => fromUtc(toUtc(day) + n * DAY_MS);

/** Days from the first to the last, both counted. */
export const rangeDays = ({ from, to }: DayRange): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;

/** The Monday of the day's week (weeks start on Monday, as the API's weekly figures do). */
export const startOfWeek = (day: Day): Day => addDays(day, -((new Date(toUtc(day)).getUTCDay() + 6) % 7));

export const startOfMonth = (day: Day): Day => `${day.slice(0, 7)}-01`;

/** Today on the user's clock, as a day. */
export function today(now: Date = new Date()): Day {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const PRESETS = [
  { id: 'last7', label: 'Last 7 days' },
  { id: 'last28', label: 'Last 28 days' },
  { id: 'last90', label: 'Last 90 days' },
  { id: 'thisWeek', label: 'This week' },
  { id: 'lastWeek', label: 'Last week' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];
export const DEFAULT_PRESET: PresetId = 'last28';

/** The days a preset covers, seen from `day` (today); "last N days" include today. */
export function presetRange(preset: PresetId, day: Day): DayRange {
  switch (preset) {
    case 'last7':
      return { from: addDays(day, -6), to: day };
    case 'last28':
      return { from: addDays(day, -27), to: day };
    case 'last90':
      return { from: addDays(day, -89), to: day };
    case 'thisWeek':
      return { from: startOfWeek(day), to: day };
    case 'lastWeek': {
      const monday = addDays(startOfWeek(day), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'thisMonth':
      return { from: startOfMonth(day), to: day };
    case 'lastMonth': {
      const end = addDays(startOfMonth(day), -1);
      return { from: startOfMonth(end), to: end };
    }
  }
}

/** The preset that covers exactly this range today, or 'custom'. */
export function presetOf(range: DayRange, day: Day): PresetId | 'custom' {
  const match = PRESETS.find(({ id }) => {
    const r = presetRange(id, day);
    return r.from === range.from && r.to === range.to;
  });
  return match?.id ?? 'custom';
}

/** The period just before, as long: what `compare=previous` compares with. */
export function previousPeriod(range: DayRange): DayRange {
  const to = addDays(range.from, -1);
  return { from: addDays(to, -(rangeDays(range) - 1)), to };
}

export type RangeState = { range: DayRange; comparison: Comparison };

/** The range and comparison the URL asks for; missing or invalid days give the default preset. */
export function rangeFromParams(params: URLSearchParams, day: Day): RangeState {
  const from = params.get('from');
  const to = params.get('to');
  const valid = isDay(from) && isDay(to) && from <= to && rangeDays({ from, to }) <= MAX_RANGE_DAYS;
  return {
    range: valid ? { from, to } : presetRange(DEFAULT_PRESET, day),
    comparison: params.get('compare') === 'previous' ? 'previous' : 'off',
  };
}

/** The URL parameters of a range and comparison ("off" leaves `compare` out). */
export const rangeParams = ({ range, comparison }: RangeState) => ({
  from: range.from,
  to: range.to,
  compare: comparison === 'previous' ? 'previous' : undefined,
});

/** Why a custom range cannot be asked for, in a sentence; null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isDay(from) || !isDay(to)) return 'Pick both a first and a last day.';
  if (from > to) return 'The first day is after the last.';
  if (rangeDays({ from, to }) > MAX_RANGE_DAYS) return `A range can be at most ${MAX_RANGE_DAYS} days.`;
  return null;
}

/** A range in the user's locale, e.g. "Nov 19 – 25, 2026". */
export function formatRange({ from, to }: DayRange, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return format.formatRange(new Date(toUtc(from)), new Date(toUtc(to)));
}

/** A day in short form for a chart axis, e.g. "Nov 19". */
export const formatShortDay = (day: Day, locale?: string): string =>
  new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(toUtc(day)));
