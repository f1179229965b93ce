import { describe, expect, it } from 'vitest';
import { isReportTime, reportDueAt, weekDataReady, weekDue } from './schedule.js';
import { isoWeekRange } from './weeks.js';

describe('when a weekly report is due', () => {
  it.each([
    ['2026-W47', 'Europe/Berlin', '06:00', '2026-11-23T05:00:00.000Z'],
    ['2026-W47', 'America/New_York', '06:00', '2026-11-23T11:00:00.000Z'],
    ['2026-W43', 'Europe/Berlin', '06:00', '2026-10-26T05:00:00.000Z'], // the Sunday before went from CEST to CET
    ['2026-W12', 'America/New_York', '07:30', '2026-03-23T11:30:00.000Z'], // EDT since 8 March
    ['2026-W47', 'UTC', '23:59', '2026-11-23T23:59:00.000Z'],
  ])('%s in %s at %s: %s', (week, zone, time, at) => {
    expect(reportDueAt(isoWeekRange(week), zone, time).toISOString()).toBe(at);
  });

  it.each([
    ['2026-11-23T04:59:00Z', 'Europe/Berlin', '06:00', '2026-W46'], // Monday 05:59 in Berlin: not yet
    ['2026-11-23T05:00:00Z', 'Europe/Berlin', '06:00', '2026-W47'],
    ['2026-11-25T12:00:00Z', 'Europe/Berlin', '06:00', '2026-W47'], // catching up on a Wednesday
    ['2026-11-23T10:00:00Z', 'America/Los_Angeles', '06:00', '2026-W46'], // still Monday 02:00 there
    ['2026-11-23T14:00:00Z', 'America/Los_Angeles', '06:00', '2026-W47'],
  ])('at %s in %s (%s) the due week is %s', (now, zone, time, week) => {
    expect(weekDue(new Date(now), zone, time).week).toBe(week);
  });

  it.each([
    ['06:00', true],
    ['23:59', true],
    ['24:00', false],
    ['6:00', false],
    ['06:60', false],
  ])('%s is a report time: %s', (time, ok) => {
    expect(isReportTime(time)).toBe(ok);
  });

  const W47 = isoWeekRange('2026-W47'); // ends Sunday 22 November; Berlin's Monday starts at 23:00 UTC
  it.each<[string, boolean, string | null, boolean]>([
    ['2026-11-23T05:00:00Z', false, null, true], // webhooks only: nothing to wait for
    ['2026-11-23T05:00:00Z', true, '2026-11-23T04:05:00Z', true], // synced after the week ended
    ['2026-11-23T05:00:00Z', true, '2026-11-22T22:30:00Z', false], // synced before Monday began in Berlin
    ['2026-11-23T05:00:00Z', true, null, false],
    ['2026-11-24T04:59:00Z', true, '2026-11-22T22:30:00Z', false],
    ['2026-11-24T05:00:00Z', true, '2026-11-22T22:30:00Z', true], // a day late: made anyway
  ])('at %s (ads: %s, last sync %s) the data is ready: %s', (now, hasAds, lastSync, ready) => {
    const lastSyncAt = lastSync ? new Date(lastSync) : null;
    expect(weekDataReady(W47, 'Europe/Berlin', '06:00', new Date(now), { hasAds, lastSyncAt })).toBe(ready);
  });
});
