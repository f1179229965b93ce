import { lazy, Suspense } from 'react';
import type { AdRow } from '../../data/campaigns/ad-rows-query';
import { useFunnelQuery } from '../../data/funnel/funnel-query';
import { useTimeseriesQuery } from '../../data/timeseries/timeseries-query';
import type { DayRange } from '../../lib/date-range';
import { formatRange } from '../../lib/date-range';
import { Link } from '../Link';
import { campaignsHref, MAX_PICKED, MIN_PICKED } from './campaigns-view';
import { rowName } from './columns';
import { FunnelTable } from './FunnelTable';

// recharts and the statistics arrive in their own chunks, after the table
const CompareCharts = lazy(() => import('./CompareCharts').then((m) => ({ default: m.CompareCharts })));
const SignificanceList = lazy(() => import('./SignificanceList').then((m) => ({ default: m.SignificanceList })));

const chartSkeleton = <div className="skeleton chart-skeleton" aria-label="Loading the charts" />;

/** The campaigns ticked in the table, side by side, with whether their differences are real. */
export function ComparePanel({ rows, picks, range }: { rows: AdRow[]; picks: string[]; range: DayRange }) {
  const picked = picks.map((id) => rows.find((r) => r.id === id)).filter((r): r is AdRow => r !== undefined);
  const ready = picked.length >= MIN_PICKED;
  const timeseries = useTimeseriesQuery({ metric: 'newContacts', interval: 'day', groupBy: 'campaign' }, range, ready);
  const funnel = useFunnelQuery('campaign', range, ready);
  const missing = picks.length - picked.length;

  return (
    <section className="compare" aria-labelledby="compare-title" data-testid="compare-panel">
      <h3 id="compare-title">Compare campaigns</h3>
      {!ready ? (
        <p className="hint" data-testid="compare-hint">
          {picked.length === 0
            ? `Tick ${MIN_PICKED} to ${MAX_PICKED} campaigns in the table to compare them side by side.`
            : `${rowName(picked[0]!)} is picked: tick at least one more campaign (up to ${MAX_PICKED}) to compare.`}
          {missing > 0 && ` ${missing} picked campaign${missing > 1 ? 's have' : ' has'} no figures in this range.`}
        </p>
      ) : (
        <>
          <p className="hint">
            {picked.map(rowName).join(' · ')}, {formatRange(range)}.{' '}
            <Link href={campaignsHref({ pick: undefined })}>Clear the comparison</Link>
          </p>
          <Suspense fallback={<p className="hint">Weighing the differences…</p>}>
            <SignificanceList picked={picked} />
          </Suspense>
          {timeseries.data === undefined || funnel.data === undefined ? (
            timeseries.isError || funnel.isError ? (
              <p role="alert">
                Could not load the comparison charts: {(timeseries.error ?? funnel.error)?.message}{' '}
                <button
                  type="button"
                  onClick={() => {
                    if (timeseries.isError) void timeseries.refetch();
                    if (funnel.isError) void funnel.refetch();
                  }}
                >
                  Retry
                </button>
              </p>
            ) : (
              <div aria-busy="true">{chartSkeleton}</div>
            )
          ) : (
            <>
              <Suspense fallback={chartSkeleton}>
                <CompareCharts picked={picked} timeseries={timeseries.data} funnel={funnel.data} />
              </Suspense>
              <h4>The funnel in figures</h4>
              <FunnelTable picked={picked} funnel={funnel.data} />
            </>
          )}
        </>
      )}
    </section>
  );
}
