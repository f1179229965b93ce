import { formatShortDay } from '../../lib/date-range';
import { formatCount } from '../../lib/number-format';
import { PALETTE } from '../charts/palette';
import type { TrendDay } from './leaderboard';

const WIDTH = 96;
const HEIGHT = 24;

/** A row's new contacts per day as a small line; its name and tooltip say the total and the best day. */
export function Sparkline({ trend, what }: { trend: TrendDay[]; what: string }) {
  const values = trend.map((d) => d.newContacts);
  const peak = Math.max(0, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  const best = trend.find((d) => d.newContacts === peak && peak > 0);
  const step = trend.length > 1 ? WIDTH / (trend.length - 1) : 0;
  const y = (v: number) => (peak ? HEIGHT - 2 - (v / peak) * (HEIGHT - 4) : HEIGHT - 2);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const first = trend[0];
  const last = trend[trend.length - 1];
  const summary =
    first && last
      ? `New contacts per day for ${what}, ${formatShortDay(first.day)} to ${formatShortDay(last.day)}: ` +
        `${formatCount(total)} in all${best ? `, most on ${formatShortDay(best.day)} (${formatCount(peak)})` : ''}`
      : `No days for ${what}`;
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={summary}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <title>{summary}</title>
      <line x1={0} x2={WIDTH} y1={HEIGHT - 2} y2={HEIGHT - 2} className="sparkline-base" />
      {values.length > 1 && <polyline points={points} fill="none" stroke={PALETTE[0]} strokeWidth={1.5} />}
    </svg>
  );
}
