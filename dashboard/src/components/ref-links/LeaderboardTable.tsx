import type { RefLinksReport } from '../../data/ref-links/ref-links-query';
import type { LinkPage } from '../../data/links/link-pages-query';
import { pageTitle } from '../../data/links/link-pages-query';
import { formatChange, formatValue, type Unit } from '../../lib/number-format';
import { hrefWith } from '../../lib/url-state';
import { Link } from '../Link';
import { COLUMNS, DEFAULT_SORT, sourceLabel, type LeaderRow, type SortKey } from './leaderboard';
import { Sparkline } from './Sparkline';

type Metric = RefLinksReport['metrics'][number];
const FALLBACK: Record<string, { label: string; unit: Unit; better: string }> = {
  newContacts: { label: 'New contacts', unit: 'count', better: 'higher' },
  conversions: { label: 'Conversions', unit: 'count', better: 'higher' },
  conversionRate: { label: 'Conversion rate', unit: 'ratio', better: 'higher' },
  blockRate: { label: 'Block rate', unit: 'ratio', better: 'lower' },
};

type Props = {
  rows: LeaderRow[];
  metrics: Metric[];
  pages: LinkPage[];
  sort: SortKey;
  order: 'asc' | 'desc';
  comparison: boolean;
  canWrite: boolean;
};

/** The leaderboard: a row per page and ref, sortable by its headers (their links are the sorted views). */
export function LeaderboardTable({ rows, metrics, pages, sort, order, comparison, canWrite }: Props) {
  const info = (id: string) => metrics.find((m) => m.id === id) ?? { id, ...FALLBACK[id]! };
  const pageName = (id: string) => pageTitle(pages.find((p) => p.id === id) ?? { id, name: null });
  return (
    <div className="table-scroll">
      <table className="ref-table" data-testid="ref-leaderboard">
        <caption className="visually-hidden">Ref links, sorted by {sort === 'ref' ? 'ref' : info(sort).label}</caption>
        <thead>
          <tr>
            <SortHeader id="ref" label="Ref link" sort={sort} order={order} className="ref-col" />
            <th scope="col">Kind</th>
            {COLUMNS.map((id) => (
              <SortHeader key={id} id={id} label={info(id).label} sort={sort} order={order} className="num" />
            ))}
            <th scope="col">Daily new contacts</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-ref={row.ref} data-page={row.pageId}>
              <th scope="row" className="ref-col">
                {row.link ? <span className="ref-label">{row.link.label}</span> : null}
                <code className="ref-code">{row.ref}</code>
                <span className="ref-meta">
                  {pageName(row.pageId)}
                  {row.link?.campaignTag && <span className="tag">{row.link.campaignTag}</span>}
                </span>
              </th>
              <td>{sourceLabel(row.source)}</td>
              {COLUMNS.map((id) => {
                const figure = row.metrics[id];
                const { unit } = info(id);
                return (
                  <td key={id} className="num" data-metric={id}>
                    <span className="cell-value">{formatValue(figure?.value ?? null, unit)}</span>
                    {comparison && figure && figure.change !== null && (
                      <span
                        className={`cell-change ${figure.improved === true ? 'better' : figure.improved === false ? 'worse' : ''}`}
                      >
                        {formatChange(figure, unit)}
                      </span>
                    )}
                  </td>
                );
              })}
              <td>
                <Sparkline trend={row.trend} what={row.link?.label ?? row.ref} />
              </td>
              <td>
                {row.link ? (
                  <Link
                    href={hrefWith({ link: row.link.id, edit: null, page: null, ref: null })}
                    aria-label={`Details of ${row.link.label}`}
                  >
                    Details
                  </Link>
                ) : (
                  canWrite &&
                  row.source === 'SHORTLINK' && (
                    <Link
                      href={hrefWith({ link: 'new', edit: null, page: row.pageId, ref: row.ref })}
                      aria-label={`Register ${row.ref}`}
                    >
                      Register
                    </Link>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type HeaderProps = { id: SortKey; label: string; sort: SortKey; order: 'asc' | 'desc'; className?: string };

/** A header whose link sorts by its column: biggest first, again to flip; the ref A to Z first. */
function SortHeader({ id, label, sort, order, className }: HeaderProps) {
  const active = sort === id;
  const first = id === 'ref' ? 'asc' : 'desc';
  const next = active ? (order === 'asc' ? 'desc' : 'asc') : first;
  const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  const href = hrefWith({
    sort: id === DEFAULT_SORT && next === 'desc' ? null : id,
    order: next === first ? null : next,
  });
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <Link href={href} className="sort-link">
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        <span className="visually-hidden">{active ? `, sorted ${ariaSort}` : ', sort'}</span>
      </Link>
    </th>
  );
}
