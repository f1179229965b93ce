import type { AdRow } from '../../data/campaigns/ad-rows-query';
import type { Funnel } from '../../data/funnel/funnel-query';
import type { Timeseries } from '../../data/timeseries/timeseries-query';
import { formatShortDay } from '../../lib/date-range';
import { formatCount, formatMoney, formatPercent } from '../../lib/number-format';
import { BarChart } from '../charts/BarChart';
import { TrendChart } from '../charts/TrendChart';
import { byCurrency, funnelData, metricData, placed, seriesOf, trendData } from './compare-data';

type Props = { picked: AdRow[]; timeseries: Timeseries; funnel: Funnel };

/** The picked campaigns side by side: trend, funnel, cost per new contact, conversion and block rates. */
export function CompareCharts({ picked, timeseries, funnel }: Props) {
  const series = seriesOf(picked);
  return (
    <div className="compare-charts">
      <figure className="chart" aria-label="New contacts per day of each picked campaign">
        <figcaption>New contacts per day</figcaption>
        <TrendChart
          data={trendData(picked, timeseries)}
          series={series}
          yLabel="New contacts per day"
          formatX={(day) => formatShortDay(day)}
          formatY={(n) => formatCount(n)}
        />
      </figure>
      <figure className="chart" aria-label="Funnel of each picked campaign, people at each stage">
        <figcaption>Funnel: people at each stage</figcaption>
        <BarChart
          data={funnelData(picked, funnel)}
          series={series}
          yLabel="People"
          formatY={(n) => formatCount(n)}
          slanted
        />
      </figure>
      {byCurrency(picked).map(({ currency, rows }) => (
        <figure key={currency} className="chart" aria-label={`Cost per new contact in ${currency}`}>
          <figcaption>Cost per new contact ({currency})</figcaption>
          <BarChart
            data={metricData(rows, [{ id: 'costPerNewContact', label: 'Cost per new contact' }])}
            series={rows.map(({ index }) => series[index]!)}
            yLabel={`${currency} per new contact`}
            formatY={(n) => (currency.length === 3 ? formatMoney(n, currency) : formatCount(n))}
          />
        </figure>
      ))}
      <figure className="chart" aria-label="Conversion and block rates of each picked campaign">
        <figcaption>Conversion and block rates</figcaption>
        <BarChart
          data={metricData(placed(picked), [
            { id: 'conversionRate', label: 'Conversion rate' },
            { id: 'blockRate', label: 'Block rate' },
          ])}
          series={series}
          yLabel="Share of new contacts"
          formatY={(n) => formatPercent(n)}
          minTop={0.05}
        />
      </figure>
    </div>
  );
}
