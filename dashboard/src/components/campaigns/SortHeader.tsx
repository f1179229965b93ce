import { Link } from '../Link';
import { campaignsHref, sortChange, type CampaignsView } from './campaigns-view';

type Props = { metric: string; label: string; view: CampaignsView; defaultSort: string };

/** A column header that sorts the rows on the server; its link is the URL of the sorted view. */
export function SortHeader({ metric, label, view, defaultSort }: Props) {
  const active = (view.sort ?? defaultSort) === metric;
  const ariaSort = active ? (view.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className="num">
      <Link href={campaignsHref(sortChange(view, metric, defaultSort))} className="sort-link">
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (view.order === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
        <span className="visually-hidden">
          {active ? `, sorted ${ariaSort}; sort ${view.order === 'desc' ? 'ascending' : 'descending'}` : ', sort'}
        </span>
      </Link>
    </th>
  );
}
