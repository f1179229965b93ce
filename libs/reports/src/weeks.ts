import { TZDate } from '@date-fns/tz';
import { addDays, format, isValid, parse, subWeeks } from 'date-fns';

/** An inclusive range of calendar days, YYYY-MM-DD. */
export type WeekRange = { week: string; from: string; to: string };

const WEEK = /^\d{4}-W\d{2}$/;
const ISO_WEEK = "RRRR-'W'II";

/**
 * The Monday–Sunday days of an ISO week such as `2026-W47`. A report's days are calendar days in the
 * workspace's time zone, so the range itself needs no zone; throws with a sentence on a week that
 * does not exist (W53 of a 52-week year, W00).
 */
export function isoWeekRange(week: string): WeekRange {
  if (!WEEK.test(week)) throw new Error(`${week} is not an ISO week: write it as YYYY-Www, e.g. 2026-W47`);
  const monday = parse(week, ISO_WEEK, new Date(2000, 0, 1));
  if (!isValid(monday) || format(monday, ISO_WEEK) !== week) throw new Error(`${week} does not exist`);
  return { week, from: format(monday, 'yyyy-MM-dd'), to: format(addDays(monday, 6), 'yyyy-MM-dd') };
}

/** The ISO week a calendar day (YYYY-MM-DD) belongs to. */
export function isoWeekOf(day: string): string {
  return format(parse(day, 'yyyy-MM-dd', new Date(2000, 0, 1)), ISO_WEEK);
}

/** The last complete ISO week at `now` in a time zone: the one a Monday-morning report covers. */
export function lastCompleteWeek(now: Date, timeZone: string): WeekRange {
  const local = new TZDate(now.getTime(), timeZone);
  return isoWeekRange(isoWeekOf(format(subWeeks(local, 1), 'yyyy-MM-dd')));
}

/** The week before, for the comparison. */
export function weekBefore(week: string): WeekRange {
  const { from } = isoWeekRange(week);
  return isoWeekRange(isoWeekOf(format(addDays(parse(from, 'yyyy-MM-dd', new Date(2000, 0, 1)), -7), 'yyyy-MM-dd')));
}
