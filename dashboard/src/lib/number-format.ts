// Every figure on screen goes through these, in the user's locale (`locale` is for tests).
type Locale = string | undefined;

/** Nothing to show: the API gives null when a ratio has no denominator or a figure no data. */
export const NONE = '–';

export const formatCount = (n: number | null, locale?: Locale): string =>
  n === null ? NONE : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);

export const formatMoney = (n: number | null, currency: string, locale?: Locale): string =>
  n === null ? NONE : new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);

export const formatPercent = (ratio: number | null, locale?: Locale): string =>
  ratio === null ? NONE : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

/** A multiple such as ROAS: "2.4×". */
export const formatMultiple = (n: number | null, locale?: Locale): string =>
  n === null ? NONE : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n)}×`;

const DURATION_UNITS = [
  { unit: 'day', ms: 86_400_000 },
  { unit: 'hour', ms: 3_600_000 },
  { unit: 'minute', ms: 60_000 },
  { unit: 'second', ms: 1000 },
] as const;

/** A duration in the largest unit it fills, in words: "31 sec", "4 min", "2 hr", "1.5 days". */
export function formatDuration(ms: number | null, locale?: Locale): string {
  if (ms === null) return NONE;
  const { unit, ms: size } = DURATION_UNITS.find((u) => Math.abs(ms) >= u.ms) ?? DURATION_UNITS[3];
  const big = unit === 'day' || unit === 'hour';
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'day' ? 'long' : 'short',
    maximumFractionDigits: big ? 1 : 0,
  }).format(ms / size);
}

export type Unit = 'count' | 'money' | 'ratio' | 'multiple' | 'duration_ms';

export function formatValue(n: number | null, unit: Unit, currency?: string, locale?: Locale): string {
  switch (unit) {
    case 'count':
      return formatCount(n, locale);
    case 'money':
      return formatMoney(n, currency ?? 'USD', locale);
    case 'ratio':
      return formatPercent(n, locale);
    case 'multiple':
      return formatMultiple(n, locale);
    case 'duration_ms':
      return formatDuration(n, locale);
  }
}

/**
 * A change against the comparison period, signed: relative for counts and money ("+12%"), in
 * percentage points for ratios ("−1.2 pp"), in the figure's own unit for durations and multiples.
 */
export function formatChange(
  change: { change: number | null; relativeChange: number | null },
  unit: Unit,
  currency?: string,
  locale?: Locale,
): string {
  const { change: delta, relativeChange } = change;
  if (delta === null) return NONE;
  const signed = (options: Intl.NumberFormatOptions, n: number) =>
    new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', ...options }).format(n);
  if (unit === 'ratio') return `${signed({ maximumFractionDigits: 1 }, delta * 100)} pp`;
  if (unit === 'duration_ms')
    return `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${formatDuration(Math.abs(delta), locale)}`;
  if (unit === 'multiple') return `${signed({ maximumFractionDigits: 2 }, delta)}×`;
  if (relativeChange !== null) return signed({ style: 'percent', maximumFractionDigits: 1 }, relativeChange);
  return unit === 'money' ? signed({ style: 'currency', currency: currency ?? 'USD' }, delta) : signed({}, delta);
}
