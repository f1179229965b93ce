import { lazy, Suspense, useEffect } from 'react';
import type { Role } from '../../data/auth/me-query';
import { useOverviewQuery, type Overview } from '../../data/overview/overview-query';
import { formatRange, previousPeriod, rangeFromParams, today } from '../../lib/date-range';
import { roleAtLeast } from '../../lib/roles';
import { useSearchParams } from '../../lib/url-state';
import { settingsHref } from '../../lib/views';
import { Link } from '../Link';
import { CampaignLeaders } from './CampaignLeaders';
import { DataFreshness } from './DataFreshness';
import { HeadlineCards } from './HeadlineCards';
import { OverviewAlerts } from './OverviewAlerts';
import { FilterBar } from '../FilterBar';
import { RangePicker } from '../RangePicker';
import { FILTER_NAMES, filtersFromParams } from '../../lib/filters';
import { RefLinkLeaders } from './RefLinkLeaders';
import './overview-extras.css';

// recharts is heavy: the chart is its own chunk, asked for as the page mounts so that it loads
// while the figures do, not after them
const loadChart = () => import('./DailyChart');
const DailyChart = lazy(() => loadChart().then((m) => ({ default: m.DailyChart })));

const isEmpty = (o: Overview) =>
  o.series.every((d) => d.newContacts === 0 && d.conversions === 0 && Object.keys(d.spend).length === 0) &&
  !o.observed.newContacts?.value;

/** The morning page: headline figures for a range, its daily chart, and what needs attention. */
export function OverviewPage({ role }: { role: Role }) {
  const params = useSearchParams();
  const state = rangeFromParams(params, today());
  const filters = filtersFromParams(params);
  const overview = useOverviewQuery(state.range, state.comparison, filters);
  const comparedWith = state.comparison === 'previous' ? previousPeriod(state.range) : null;
  useEffect(() => void loadChart(), []);
  // the headline figures first: the other panels' requests would queue beside /api/overview
  const secondary = !overview.isPending;

  return (
    <>
      <section className="card" aria-labelledby="overview-title">
        <div className="overview-head">
          <h2 id="overview-title">Overview</h2>
          <RangePicker state={state} />
        </div>
        {secondary && <FilterBar filters={filters} names={FILTER_NAMES} />}
        <p className="hint" data-testid="overview-range">
          {formatRange(state.range)}
          {comparedWith && `, compared with ${formatRange(comparedWith)}`}
          {overview.data && ` · days in ${overview.data.timeZones.messenger}`}
        </p>
        {overview.isPending ? (
          <Skeleton />
        ) : overview.data === undefined ? (
          <p role="alert">
            Could not load the figures: {overview.error?.message ?? 'no answer'}{' '}
            <button type="button" onClick={() => void overview.refetch()}>
              Retry
            </button>
          </p>
        ) : (
          <div aria-busy={overview.isPlaceholderData} className={overview.isPlaceholderData ? 'stale' : undefined}>
            {overview.isError && (
              <p role="alert">
                Could not refresh the figures: {overview.error.message}{' '}
                <button type="button" onClick={() => void overview.refetch()}>
                  Retry
                </button>
              </p>
            )}
            {isEmpty(overview.data) ? (
              <EmptyOverview role={role} />
            ) : (
              <>
                <HeadlineCards overview={overview.data} />
                <h3>New contacts per day</h3>
                <figure
                  className="chart"
                  aria-label={`New contacts and conversions per day, ${formatRange(overview.data.range)}`}
                >
                  <Suspense fallback={<div className="skeleton chart-skeleton" aria-label="Loading the chart" />}>
                    <DailyChart series={overview.data.series} />
                  </Suspense>
                </figure>
              </>
            )}
          </div>
        )}
      </section>
      {secondary && (
        <>
          <section className="card" aria-labelledby="leaders-title">
            <h2 id="leaders-title">Best and worst</h2>
            <p className="hint">{formatRange(state.range)}</p>
            <CampaignLeaders state={state} />
            <RefLinkLeaders state={state} />
          </section>
          <DataFreshness />
        </>
      )}
      <OverviewAlerts />
    </>
  );
}

function Skeleton() {
  return (
    <div aria-busy="true" data-testid="overview-loading">
      <p className="visually-hidden">Loading the figures…</p>
      <div className="figure-grid">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="skeleton figure-skeleton" />
        ))}
      </div>
      <div className="skeleton chart-skeleton" />
    </div>
  );
}

function EmptyOverview({ role }: { role: Role }) {
  return (
    <div className="empty" data-testid="overview-empty">
      <p>
        <strong>No contacts or ad spend in this range.</strong>
      </p>
      <p>
        Try a longer range, such as the last 90 days.{' '}
        {roleAtLeast(role, 'admin') ? (
          <>
            If no data has arrived yet,{' '}
            <Link href={settingsHref('connections')}>connect a Meta account in Settings</Link>.
          </>
        ) : (
          'If no data has arrived yet, ask an admin of this workspace to connect a Meta account.'
        )}
      </p>
    </div>
  );
}
