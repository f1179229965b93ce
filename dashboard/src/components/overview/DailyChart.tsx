import { TrendChart } from '../charts/TrendChart';
import type { Overview } from '../../data/overview/overview-query';
import { formatShortDay } from '../../lib/date-range';
import { formatCount } from '../../lib/number-format';

/** New contacts and conversions per day: the overview's series mapped to the trend chart. */
export function DailyChart({ series }: { series: Overview['series'] }) {
  return (
    <TrendChart
      data={series.map((d) => ({ x: d.day, newContacts: d.newContacts, conversions: d.conversions }))}
      series={[
        { key: 'newContacts', label: 'New contacts' },
        { key: 'conversions', label: 'Conversions' },
      ]}
      yLabel="Per day"
      formatX={(day) => formatShortDay(day)}
      formatY={(n) => formatCount(n)}
    />
  );
}
