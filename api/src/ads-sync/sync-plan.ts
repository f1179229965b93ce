import { shiftDay } from '@ctm/metrics';
import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format } from 'date-fns';

/** A stretch of days pulled as one unit: synchronously when short, as an async report run when long. */
export type Chunk = { since: string; until: string; mode: 'sync' | 'async' };

export type PlanOptions = { syncMaxDays: number; asyncChunkDays: number };
export const DEFAULT_PLAN: PlanOptions = { syncMaxDays: 3, asyncChunkDays: 92 };

const utc = (day: string) => new TZDate(`${day}T00:00:00`, 'UTC');
const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export const dayAfter = (day: string) => iso(addDays(utc(day), 1));
export const daysBetween = (since: string, until: string) => differenceInCalendarDays(utc(until), utc(since)) + 1;

export { shiftDay };

/** Today in an ad account's time zone: Meta's days are the account's days. */
export function todayIn(timeZone: string, now: number): string {
  return format(new TZDate(now, timeZone), 'yyyy-MM-dd');
}

/** Splits [since, until] into chunks, oldest first. */
export function planChunks(since: string, until: string, options: PlanOptions = DEFAULT_PLAN): Chunk[] {
  const total = daysBetween(since, until);
  if (total <= 0) return [];
  if (total <= options.syncMaxDays) return [{ since, until, mode: 'sync' }];
  const chunks: Chunk[] = [];
  for (let start = since; daysBetween(start, until) > 0; start = shiftDay(start, options.asyncChunkDays)) {
    const end = shiftDay(start, options.asyncChunkDays - 1);
    chunks.push({ since: start, until: daysBetween(end, until) > 0 ? end : until, mode: 'async' });
  }
  return chunks;
}

/** Meta said the chunk asks for too much data: halve it by date; a single day goes async instead. */
export function splitChunk(chunk: Chunk): Chunk[] {
  const days = daysBetween(chunk.since, chunk.until);
  if (days === 1) return chunk.mode === 'sync' ? [{ ...chunk, mode: 'async' }] : [];
  const firstUntil = shiftDay(chunk.since, Math.floor(days / 2) - 1);
  return [
    { since: chunk.since, until: firstUntil, mode: chunk.mode },
    { since: dayAfter(firstUntil), until: chunk.until, mode: chunk.mode },
  ];
}
