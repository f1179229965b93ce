import type { AdAccountStatus } from '@ctm/domain';
import { useLinkPagesQuery, pageTitle } from '../data/links/link-pages-query';
import { useAccountsQuery } from '../data/sync/accounts-query';
import { moneyApplies, setFilter, SOURCES, type FilterName, type Filters } from '../lib/filters';

/**
 * The filters a page offers (`names`), kept in the URL. Lists come from the API: the workspace's ad
 * accounts and pages; a list that cannot load leaves its filter out rather than blocking the page.
 */
export function FilterBar({ filters, names }: { filters: Filters; names: readonly FilterName[] }) {
  const accounts = useAccountsQuery();
  const pages = useLinkPagesQuery();
  const accountName = (a: AdAccountStatus) => (a.name ? `${a.name} (${a.id})` : a.id);
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      {names.includes('account') && (accounts.data?.length ?? 0) > 0 && (
        <label>
          Ad account{' '}
          <select value={filters.account ?? ''} onChange={(e) => setFilter('account', e.target.value)}>
            <option value="">All ad accounts</option>
            {accounts.data!.map((a) => (
              <option key={a.id} value={a.id}>
                {accountName(a)}
              </option>
            ))}
          </select>
        </label>
      )}
      {names.includes('page') && (pages.data?.length ?? 0) > 1 && (
        <label>
          Page{' '}
          <select value={filters.page ?? ''} onChange={(e) => setFilter('page', e.target.value)}>
            <option value="">All pages</option>
            {pages.data!.map((p) => (
              <option key={p.id} value={p.id}>
                {pageTitle(p)}
              </option>
            ))}
          </select>
        </label>
      )}
      {names.includes('source') && (
        <label>
          Source{' '}
          <select value={filters.source ?? ''} onChange={(e) => setFilter('source', e.target.value)}>
            <option value="">All sources</option>
            {SOURCES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {!moneyApplies(filters) && (
        <p className="hint" role="note">
          Spend and cost figures are left out: Meta reports them per ad, not per page or source.
        </p>
      )}
    </div>
  );
}
