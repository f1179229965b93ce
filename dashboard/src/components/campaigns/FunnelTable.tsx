import type { AdRow } from '../../data/campaigns/ad-rows-query';
import { FUNNEL_STAGES, type Funnel } from '../../data/funnel/funnel-query';
import { formatCount, formatPercent } from '../../lib/number-format';
import { rowName } from './columns';
import { STAGE_LABELS } from './compare-data';

/** The funnel's figures behind the chart: each stage's people and its share of the stage before. */
export function FunnelTable({ picked, funnel }: { picked: AdRow[]; funnel: Funnel }) {
  const rows = new Map(funnel.rows.map((r) => [r.key, r]));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Funnel figures">
      <table className="campaign-table funnel-table">
        <caption className="visually-hidden">People at each stage, and the share of the stage before</caption>
        <thead>
          <tr>
            <th scope="col" className="name-col">
              Campaign
            </th>
            {FUNNEL_STAGES.map((stage) => (
              <th key={stage} scope="col" className="num">
                {STAGE_LABELS[stage]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {picked.map((campaign) => {
            const row = rows.get(campaign.id);
            return (
              <tr key={campaign.id} data-testid="funnel-row">
                <th scope="row" className="name-col">
                  {rowName(campaign)}
                </th>
                {FUNNEL_STAGES.map((stage) => (
                  <td key={stage} className="num" data-stage={stage}>
                    <span className="cell-value">{formatCount(row?.stages[stage] ?? null)}</span>
                    {row?.stepRates[stage] != null && (
                      <span className="cell-change flat">{formatPercent(row.stepRates[stage])} of the step before</span>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
