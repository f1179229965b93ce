import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { PALETTE } from './palette';

/** A series of bars; `colour` is its index in the palette, so one campaign keeps its colour in every chart. */
export type BarSeries<K extends string> = { key: K; label: string; colour?: number };

type Props<K extends string> = {
  data: ({ x: string } & Partial<Record<K, number | null>>)[];
  series: BarSeries<K>[];
  /** the y axis's unit, as in "per new contact, EUR" */
  yLabel: string;
  formatY: (y: number) => string;
  height?: number;
  /** slanted category labels, for long ones */
  slanted?: boolean;
  /** the least top of the y axis, so that all-zero bars still sit on a sensible scale */
  minTop?: number;
};

/** Grouped bars per category with axes, tooltip and legend; lazy-loaded with recharts behind it. */
export function BarChart<K extends string>({
  data,
  series,
  yLabel,
  formatY,
  height = 260,
  slanted = false,
  minTop,
}: Props<K>) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <RechartsBarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#dde1e8" vertical={false} />
        <XAxis
          dataKey="x"
          interval={0}
          tick={{ fontSize: 12 }}
          angle={slanted ? -25 : 0}
          textAnchor={slanted ? 'end' : 'middle'}
          height={slanted ? 70 : 30}
        />
        <YAxis
          tickFormatter={formatY}
          width={64}
          domain={minTop === undefined ? undefined : [0, (max: number) => Math.max(max, minTop)]}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        <Tooltip formatter={(v) => (v === null || v === undefined ? '–' : formatY(Number(v)))} />
        <Legend />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={PALETTE[(s.colour ?? i) % PALETTE.length]}
            isAnimationActive={false}
          />
        ))}
      </RechartsBarChart>
    </ResponsiveContainer>
  );
}
