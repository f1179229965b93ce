import { describe, expect, it } from 'vitest';
import { daysBetween, planChunks, splitChunk, todayIn } from './sync-plan.js';

describe('planChunks', () => {
  it.each([
    ['2026-11-24', '2026-11-25', [['2026-11-24', '2026-11-25', 'sync']]],
    // the daily run's 28 days: one async report run
    ['2026-11-01', '2026-11-28', [['2026-11-01', '2026-11-28', 'async']]],
    // a year: four quarterly report runs (92 days, the longest three months)
    [
      '2026-01-01',
      '2026-12-31',
      [
        ['2026-01-01', '2026-04-02', 'async'],
        ['2026-04-03', '2026-07-03', 'async'],
        ['2026-07-04', '2026-10-03', 'async'],
        ['2026-10-04', '2026-12-31', 'async'],
      ],
    ],
    [
      '2024-01-01',
      '2024-04-05',
      [
        ['2024-01-01', '2024-04-01', 'async'],
        ['2024-04-02', '2024-04-05', 'async'],
      ],
    ],
    ['2026-11-02', '2026-11-01', []],
  ])('%s..%s', (since, until, expected) => {
    expect(planChunks(since, until).map((c) => [c.since, c.until, c.mode])).toEqual(expected);
  });

  it('covers every day once, however long the range', () => {
    const chunks = planChunks('2025-01-01', '2025-12-31');
    expect(chunks.reduce((n, c) => n + daysBetween(c.since, c.until), 0)).toBe(365);
    for (let i = 1; i < chunks.length; i++) expect(daysBetween(chunks[i - 1]!.until, chunks[i]!.since)).toBe(2);
  });
});

describe('splitChunk', () => {
  it.each([
    [
      { since: '2026-11-01', until: '2026-11-14', mode: 'async' as const },
      [
        ['2026-11-01', '2026-11-07'],
        ['2026-11-08', '2026-11-14'],
      ],
    ],
    [
      { since: '2026-11-01', until: '2026-11-03', mode: 'sync' as const },
      [
        ['2026-11-01', '2026-11-01'],
        ['2026-11-02', '2026-11-03'],
      ],
    ],
  ])('halves %o by date', (chunk, expected) => {
    expect(splitChunk(chunk).map((c) => [c.since, c.until])).toEqual(expected);
  });

  it('turns a single synchronous day into an async report, and gives up on a single async day', () => {
    expect(splitChunk({ since: '2026-11-01', until: '2026-11-01', mode: 'sync' })).toEqual([
      { since: '2026-11-01', until: '2026-11-01', mode: 'async' },
    ]);
    expect(splitChunk({ since: '2026-11-01', until: '2026-11-01', mode: 'async' })).toEqual([]);
  });
});

describe('todayIn', () => {
  it.each([
    ['UTC', '2026-11-25T02:00:00Z', '2026-11-25'],
    ['America/Los_Angeles', '2026-11-25T02:00:00Z', '2026-11-24'],
    ['Asia/Tokyo', '2026-11-24T16:00:00Z', '2026-11-25'],
  ])('in %s at %s it is %s', (tz, at, day) => {
    expect(todayIn(tz, Date.parse(at))).toBe(day);
  });
});
