import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PALETTE } from './palette';

export type TrendSeries<K extends string> = { key: K; label: string };

type Props<K extends string> = {
  data: ({ x: string } & Record<K, number>)[];
  series: TrendSeries<K>[];
  /** the y axis's unit, as in "contacts per day" */
  yLabel: string;
  formatX: (x: string) => string;
  formatY: (y: number) => string;
};

/** Lines over days with axes, tooltip and legend; lazy-loaded with recharts behind it. */
export function TrendChart<K extends string>({ data, series, yLabel, formatX, formatY }: Props<K>) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#dde1e8" vertical={false} />
        <XAxis dataKey="x" tickFormatter={formatX} minTickGap={16} />
        <YAxis
          allowDecimals={false}
          tickFormatter={formatY}
          width={56}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        <Tooltip labelFormatter={(x) => formatX(String(x))} formatter={(v) => formatY(Number(v))} />
        <Legend />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth={2}
            strokeDasharray={i === 0 ? undefined : '6 3'}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
