import type { Role } from '../../data/auth/me-query';
import { useAdRowsQuery } from '../../data/campaigns/ad-rows-query';
import { formatRange, previousPeriod, rangeFromParams, today, type RangeState } from '../../lib/date-range';
import { useSearchParams } from '../../lib/url-state';
import { filtersFromParams } from '../../lib/filters';
import { FilterBar } from '../FilterBar';
import { Link } from '../Link';
import { RangePicker } from '../RangePicker';
import { AdRowsTable } from './AdRowsTable';
import { Breadcrumb } from './Breadcrumb';
import { campaignsHref, campaignsViewFromParams, type CampaignsView } from './campaigns-view';
import { LEVEL_WORDS } from './columns';
import { ComparePanel } from './ComparePanel';
import { EmptyRange } from './EmptyRange';
import { ReconciliationTab } from './ReconciliationTab';
import './campaigns.css';

const TABS = [
  { id: 'table', label: 'Figures' },
  { id: 'reconciliation', label: 'Reconciliation' },
] as const;

/** Campaigns: a sortable table with drill-down and side-by-side comparison, and Meta's counts reconciled. */
export function CampaignsPage({ role }: { role: Role }) {
  const params = useSearchParams();
  const state = rangeFromParams(params, today());
  const view = campaignsViewFromParams(params);
  const filters = filtersFromParams(params, ['account']);
  const comparedWith = state.comparison === 'previous' ? previousPeriod(state.range) : null;
  return (
    <section className="card campaigns" aria-labelledby="campaigns-title">
      <div className="overview-head">
        <h2 id="campaigns-title">Campaigns</h2>
        <RangePicker state={state} />
      </div>
      <FilterBar filters={filters} names={['account']} />
      <p className="hint" data-testid="campaigns-range">
        {formatRange(state.range)}
        {comparedWith && `, compared with ${formatRange(comparedWith)}`}
      </p>
      <nav aria-label="Campaigns sections" className="tabs">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={campaignsHref({ tab: t.id === 'table' ? undefined : t.id })}
            aria-current={view.tab === t.id ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {view.tab === 'table' ? (
        <TableTab view={view} state={state} role={role} account={filters.account} />
      ) : (
        <ReconciliationTab
          range={state.range}
          scope={{ ad: view.reconciliationAd, campaign: view.campaign }}
          role={role}
        />
      )}
    </section>
  );
}

function TableTab({
  view,
  state,
  role,
  account,
}: {
  view: CampaignsView;
  state: RangeState;
  role: Role;
  account?: string;
}) {
  const parent = view.level === 'ad' ? view.adset : view.level === 'adset' ? view.campaign : null;
  const request = {
    level: view.level,
    parent: parent ?? undefined,
    sort: view.sort ?? undefined,
    order: view.sort ? view.order : undefined,
    account,
  };
  const rows = useAdRowsQuery(request, state.range, state.comparison);
  const words = LEVEL_WORDS[view.level];
  return (
    <>
      <Breadcrumb view={view} state={state} />
      {rows.isPending ? (
        <TableSkeleton what={words.many} />
      ) : rows.data === undefined ? (
        <p role="alert">
          Could not load the {words.many}: {rows.error?.message ?? 'no answer'}{' '}
          <button type="button" onClick={() => void rows.refetch()}>
            Retry
          </button>
        </p>
      ) : (
        <div aria-busy={rows.isPlaceholderData} className={rows.isPlaceholderData ? 'stale' : undefined}>
          {rows.isError && (
            <p role="alert">
              Could not refresh the {words.many}: {rows.error.message}{' '}
              <button type="button" onClick={() => void rows.refetch()}>
                Retry
              </button>
            </p>
          )}
          {rows.data.rows.length === 0 ? (
            <EmptyRange
              role={role}
              what={
                view.level === 'campaign'
                  ? 'No campaign had spend or contacts in this range.'
                  : `No ${words.one} of this ${view.level === 'ad' ? 'ad set' : 'campaign'} had spend or contacts in this range.`
              }
              testId="campaigns-empty"
            />
          ) : (
            <>
              <p className="hint">
                Money in each {words.one}&apos;s ad account currency; Meta&apos;s figures by the ad accounts&apos; days,
                contacts by {rows.data.timeZones.messenger} days.
                {view.level === 'campaign' && ' Open a campaign for its ad sets, an ad set for its ads.'}
              </p>
              <AdRowsTable report={rows.data} view={view} />
              {view.level === 'campaign' && (
                <ComparePanel rows={rows.data.rows} picks={view.picked} range={state.range} />
              )}
            </>
          )}
        </div>
      )}
    </>
  );
}

function TableSkeleton({ what }: { what: string }) {
  return (
    <div aria-busy="true" data-testid="campaigns-loading">
      <p className="visually-hidden">Loading the {what}…</p>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="skeleton row-skeleton" />
      ))}
    </div>
  );
}
