import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic, no time zone). */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected a date as YYYY-MM-DD, got "${date}".`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch ms of local midnight starting the given calendar day in a time zone. */
export function localMidnight(day: number, timeZone: string): number {
  const [y, m, d] = dateOfDayNumber(day).split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone).getTime();
}

/** The calendar day (day number) an instant falls on in a time zone. */
export function localDayNumber(at: number, timeZone: string): number {
  return dayNumber(format(new TZDate(at, timeZone), 'yyyy-MM-dd'));
}

/** Graph's timestamp format in the account's zone: 2024-03-01T10:15:00-0500. */
export function graphTime(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), "yyyy-MM-dd'T'HH:mm:ssxx");
}

/** Local hour of day (0-23) of an instant, for response times that slow down at night. */
export function localHour(at: number, utcOffsetHours: number): number {
  return Math.floor((((at / HOUR_MS + utcOffsetHours) % 24) + 24) % 24);
}

/** Local midnights for a contiguous range of days [first, first + count], one extra to close the last day. */
export class DayStarts {
  private readonly starts: number[];

  constructor(
    readonly first: number,
    count: number,
    timeZone: string,
  ) {
    this.starts = [];
    for (let i = 0; i <= count; i += 1) this.starts.push(localMidnight(first + i, timeZone));
  }

  /** Start of day `day` (a day number); days outside the range are not needed by the world. */
  start(day: number): number {
    const value = this.starts[day - this.first];
    if (value === undefined) throw new Error(`Day ${dateOfDayNumber(day)} is outside the simulated range.`);
    return value;
  }

  /** The day number containing `at`, or undefined when outside the range. */
  dayOf(at: number): number | undefined {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const begin = this.starts[mid] ?? 0;
      const end = this.starts[mid + 1] ?? 0;
      if (at < begin) hi = mid - 1;
      else if (at >= end) lo = mid + 1;
      else return this.first + mid;
    }
    return undefined;
  }
}
