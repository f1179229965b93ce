import type { AdRow, AdRowsReport } from '../../data/campaigns/ad-rows-query';
import { formatChange, type Unit } from '../../lib/number-format';
import { navigate } from '../../lib/url-state';
import { Link } from '../Link';
import { campaignsHref, MAX_PICKED, pickParam, togglePicked, type CampaignsView } from './campaigns-view';
import { cellValue, COLUMNS, DEFAULT_SORT, LEVEL_WORDS, reachText, rowName } from './columns';
import { SortHeader } from './SortHeader';

type Props = { report: AdRowsReport; view: CampaignsView };

/** The rows of one level: sortable by any figure, a click on a name goes one level down. */
export function AdRowsTable({ report, view }: Props) {
  const picking = report.level === 'campaign';
  const comparing = report.comparison !== null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${LEVEL_WORDS[report.level].many} table`}>
      <table className="campaign-table">
        <thead>
          <tr>
            <th scope="col" className="name-col">
              {picking ? 'Campaign (tick to compare)' : LEVEL_WORDS[report.level].title}
            </th>
            {COLUMNS.map((c) => (
              <SortHeader key={c.metric} {...c} view={view} defaultSort={DEFAULT_SORT} />
            ))}
            <th scope="col" className="num">
              Reach · frequency
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.id} data-testid="ad-row">
              <th scope="row" className="name-col">
                <NameCell row={row} view={view} picking={picking} />
              </th>
              {COLUMNS.map((c) => (
                <td key={c.metric} className="num" data-metric={c.metric}>
                  <span className="cell-value">{cellValue(row, c.metric, c.unit)}</span>
                  {comparing && <ChangeLine row={row} metric={c.metric} unit={c.unit} />}
                </td>
              ))}
              <td className="num reach-cell">{reachText(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NameCell({ row, view, picking }: { row: AdRow; view: CampaignsView; picking: boolean }) {
  const name = rowName(row);
  const checked = view.picked.includes(row.id);
  const full = !checked && view.picked.length >= MAX_PICKED;
  const down =
    row.level === 'campaign'
      ? campaignsHref({ campaign: row.id, adset: undefined })
      : row.level === 'adset'
        ? campaignsHref({ adset: row.id })
        : null;
  return (
    <span className="name-cell">
      {picking && (
        <input
          type="checkbox"
          aria-label={`Compare ${name}`}
          title={full ? `At most ${MAX_PICKED} campaigns can be compared` : undefined}
          checked={checked}
          disabled={full}
          onChange={() =>
            navigate(campaignsHref({ pick: pickParam(togglePicked(view.picked, row.id)) }), { replace: true })
          }
        />
      )}
      {down ? (
        <Link href={down} data-testid="drill-down">
          {name}
        </Link>
      ) : (
        <Link href={campaignsHref({ tab: 'reconciliation', ad: row.id })} title="Meta's count against what arrived">
          {name}
        </Link>
      )}
      {row.status && row.status !== 'ACTIVE' && <span className="row-status"> {row.status.toLowerCase()}</span>}
    </span>
  );
}

/** The change against the comparison period; for the two rates, whether it is real or noise. */
function ChangeLine({ row, metric, unit }: { row: AdRow; metric: string; unit: Unit }) {
  const figure = row.metrics[metric];
  if (!figure || figure.change === null) return null;
  const verdict = figure.improved === null ? 'flat' : figure.improved ? 'better' : 'worse';
  const test = metric === 'conversionRate' || metric === 'blockRate' ? row.significance?.[metric] : null;
  return (
    <span className={`cell-change ${verdict}`}>
      {figure.change === 0 ? 'no change' : formatChange(figure, unit, row.currency ?? undefined)}
      {test && figure.change !== 0 && (test.significant ? ' · 95% confident' : ' · no real difference yet')}
    </span>
  );
}
