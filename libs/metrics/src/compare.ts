import type { Better } from './definitions.js';

export type Compared = {
  value: number | null;
  previous: number | null;
  /** value − previous */
  change: number | null;
  /** change / |previous|; null when previous is zero or unknown */
  relativeChange: number | null;
  /** whether the change is good news by the metric's better-direction; null when flat or unknown */
  improved: boolean | null;
};

/** A figure beside the same figure for the comparison period. */
export function compare(value: number | null, previous: number | null, better: Better): Compared {
  if (value === null || previous === null)
    return { value, previous, change: null, relativeChange: null, improved: null };
  const change = value - previous;
  return {
    value,
    previous,
    change,
    relativeChange: previous === 0 ? null : change / Math.abs(previous),
    improved: change === 0 || better === 'neither' ? null : better === 'higher' ? change > 0 : change < 0,
  };
}
