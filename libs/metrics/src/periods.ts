import { addDays, differenceInCalendarDays, format, isValid, parseISO, subYears } from 'date-fns';

/** An inclusive range of calendar days, as YYYY-MM-DD. */
export type DayRange = { from: string; to: string };

/** The longest range a figures request may span (a year and a leap day). */
export const MAX_RANGE_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that names a real calendar day. */
export function isDay(text: string): boolean {
  return DAY.test(text) && isValid(parseISO(text)) && format(parseISO(text), 'yyyy-MM-dd') === text;
}

export function rangeDays({ from, to }: DayRange): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from)) + 1;
}

/** Every day of a range, in order. */
/** The calendar day `days` after (or before, when negative) a day, as YYYY-MM-DD: no time zone involved. */
export function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

export function daysOf(range: DayRange): string[] {
  const start = parseISO(range.from);
  return Array.from({ length: rangeDays(range) }, (_, i) => format(addDays(start, i), 'yyyy-MM-dd'));
}

/**
 * The comparison range: `previous` (as many days, just before), `year` (the same days a year
 * earlier) or an explicit `YYYY-MM-DD,YYYY-MM-DD`. Throws a sentence naming what is wrong.
 */
export function comparisonRange(range: DayRange, spec: string): DayRange {
  if (spec === 'previous') {
    const days = rangeDays(range);
    const to = addDays(parseISO(range.from), -1);
    return { from: format(addDays(to, -(days - 1)), 'yyyy-MM-dd'), to: format(to, 'yyyy-MM-dd') };
  }
  if (spec === 'year') {
    return {
      from: format(subYears(parseISO(range.from), 1), 'yyyy-MM-dd'),
      to: format(subYears(parseISO(range.to), 1), 'yyyy-MM-dd'),
    };
  }
  const [from, to, extra] = spec.split(',');
  if (extra !== undefined || !from || !to || !isDay(from) || !isDay(to))
    throw new Error('must be previous, year, or two days as YYYY-MM-DD,YYYY-MM-DD');
  if (from > to) throw new Error('its first day is after its last');
  if (rangeDays({ from, to }) > MAX_RANGE_DAYS) throw new Error(`spans more than ${MAX_RANGE_DAYS} days`);
  return { from, to };
}
