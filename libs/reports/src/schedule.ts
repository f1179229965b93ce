import { TZDate } from '@date-fns/tz';
import { shiftDay } from '@ctm/metrics';
import { lastCompleteWeek, weekBefore, type WeekRange } from './weeks.js';

/** When weekly reports are made unless a workspace says otherwise: Monday 06:00 in its time zone. */
export const DEFAULT_REPORT_TIME = '06:00';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether a time of day is written HH:MM (24-hour). */
export function isReportTime(time: string): boolean {
  return TIME.test(time);
}

/** The moment a week's report is due: the Monday after it, at `time` in the time zone. */
export function reportDueAt(week: WeekRange, timeZone: string, time: string): Date {
  const match = TIME.exec(time);
  if (!match) throw new Error(`${time} is not a time of day: write it as HH:MM, e.g. 06:00`);
  const [y, m, d] = shiftDay(week.to, 1).split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, Number(match[1]), Number(match[2]), 0, timeZone).getTime());
}

/** The latest week whose report is due at `now`: the last complete week once its Monday's hour has come, else the one before. */
export function weekDue(now: Date, timeZone: string, time: string): WeekRange {
  const last = lastCompleteWeek(now, timeZone);
  return now.getTime() >= reportDueAt(last, timeZone, time).getTime() ? last : weekBefore(last.week);
}

/** How long past its hour a weekly report waits for an ads sync that covers the whole week, before it is made anyway. */
export const SYNC_GRACE_MS = 24 * 3_600_000;

/**
 * Whether a week's data is in: a workspace without ad accounts has only webhooks, which arrive as
 * they happen; one with ad accounts waits for an ads sync that finished after the week ended (in
 * its time zone), but no longer than a day past the report's hour (the report then shows how stale
 * its data was).
 */
export function weekDataReady(
  week: WeekRange,
  timeZone: string,
  time: string,
  now: Date,
  { hasAds, lastSyncAt }: { hasAds: boolean; lastSyncAt: Date | null },
): boolean {
  if (!hasAds) return true;
  if (lastSyncAt && lastSyncAt.getTime() >= reportDueAt(week, timeZone, '00:00').getTime()) return true;
  return now.getTime() >= reportDueAt(week, timeZone, time).getTime() + SYNC_GRACE_MS;
}
