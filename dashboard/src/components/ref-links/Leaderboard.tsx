import type { UseQueryResult } from '@tanstack/react-query';
import type { LinkPage } from '../../data/links/link-pages-query';
import type { RefLink } from '../../data/links/links-query';
import type { PageReports } from '../../data/ref-links/ref-links-query';
import type { RangeState } from '../../lib/date-range';
import { hrefWith, navigate } from '../../lib/url-state';
import { Link } from '../Link';
import { isSortKey, joinLinks, searchRows, sortRows, DEFAULT_SORT } from './leaderboard';
import { LeaderboardTable } from './LeaderboardTable';

type Props = {
  params: URLSearchParams;
  state: RangeState;
  pages: UseQueryResult<LinkPage[]>;
  links: UseQueryResult<RefLink[]>;
  reports: PageReports;
  canWrite: boolean;
};

/** The leaderboard's loading, error (with Retry), empty and filled states; sort and search live in the URL. */
export function Leaderboard({ params, state, pages, links, reports, canWrite }: Props) {
  const sortParam = params.get('sort');
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_SORT;
  const order =
    params.get('order') === 'asc' || params.get('order') === 'desc'
      ? (params.get('order') as 'asc' | 'desc')
      : sort === 'ref'
        ? 'asc'
        : 'desc';
  const search = params.get('q') ?? '';
  const failed = [pages, links].find((q) => q.isError && q.data === undefined);
  const retry = () => {
    void pages.refetch();
    void links.refetch();
    reports.refetch();
  };
  if (failed || (reports.error && !reports.data))
    return (
      <p role="alert">
        Could not load the ref links: {(failed?.error ?? reports.error)?.message ?? 'no answer'}{' '}
        <button type="button" onClick={retry}>
          Retry
        </button>
      </p>
    );
  if (pages.data?.length === 0)
    return (
      <div className="empty" data-testid="ref-links-no-pages">
        <p>
          <strong>No Messenger page is connected to this workspace.</strong>
        </p>
        <p>Ref links open a conversation with one of your pages: an admin connects pages in Settings.</p>
      </div>
    );
  if (!pages.data || !links.data || !reports.data) return <Skeleton />;

  const all = joinLinks(reports.data, links.data, state.range, state.comparison === 'previous');
  if (all.length === 0)
    return (
      <div className="empty" data-testid="ref-links-empty">
        <p>
          <strong>No ref link brought anyone in this range, and none is registered.</strong>
        </p>
        <p>
          {canWrite ? (
            <>
              <Link href={hrefWith({ link: 'new' })}>Create an m.me link</Link> to hand out on your website, in a
              newsletter or as a QR code on a poster;{' '}
            </>
          ) : (
            'Ask an analyst of this workspace to create m.me links; '
          )}
          or choose a longer range.
        </p>
      </div>
    );
  const rows = sortRows(searchRows(all, search), sort, order);
  const metrics = reports.data[0]?.report.metrics ?? [];
  return (
    <div aria-busy={reports.isPlaceholderData} className={reports.isPlaceholderData ? 'stale' : undefined}>
      {reports.error && (
        <p role="alert">
          Could not refresh the figures: {reports.error.message}{' '}
          <button type="button" onClick={retry}>
            Retry
          </button>
        </p>
      )}
      <label className="ref-search">
        Search refs, labels and campaign tags{' '}
        <input
          type="search"
          value={search}
          onChange={(e) => navigate(hrefWith({ q: e.target.value || null }), { replace: true })}
        />
      </label>
      {rows.length === 0 ? (
        <p className="empty">No ref, label or campaign tag contains “{search}”.</p>
      ) : (
        <LeaderboardTable
          rows={rows}
          metrics={metrics}
          pages={pages.data}
          sort={sort}
          order={order}
          comparison={state.comparison === 'previous'}
          canWrite={canWrite}
        />
      )}
      <p className="hint">
        {rows.length} of {all.length} refs · days in {reports.data[0]?.report.timeZone ?? 'the workspace’s time zone'}.
        A QR code is an m.me link: its scans count with the link’s clicks.
      </p>
    </div>
  );
}

function Skeleton() {
  return (
    <div aria-busy="true" data-testid="ref-links-loading">
      <p className="visually-hidden">Loading the ref links…</p>
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="skeleton ref-row-skeleton" />
      ))}
    </div>
  );
}
