import { useCampaignRankingQuery, type RankedCampaign } from '../../data/overview/campaign-ranking-query';
import { rangeParams, type RangeState } from '../../lib/date-range';
import { formatCount, formatMoney } from '../../lib/number-format';
import { viewHref } from '../../lib/views';
import { QueryStatus } from '../QueryStatus';
import { RankedList, type RankedItem } from './RankedList';

/** How many campaigns each list shows. */
const SHOWN = 3;

const value = (row: RankedCampaign, metric: string) => row.metrics[metric]?.value ?? null;
const spent = (row: RankedCampaign) => (value(row, 'spend') ?? 0) > 0;

/** The rows at the other end, leaving out those already shown at the top. */
const otherEnd = <T,>(rows: T[], top: T[]) =>
  rows
    .filter((r) => !top.includes(r))
    .reverse()
    .slice(0, SHOWN);

/** Best and worst campaigns of the range by new contacts and by cost per new contact, as the API sorts them. */
export function CampaignLeaders({ state }: { state: RangeState }) {
  const byContacts = useCampaignRankingQuery(state.range, 'newContacts', 'desc');
  const byCost = useCampaignRankingQuery(state.range, 'costPerNewContact', 'asc');
  // a campaign opens on its ad sets; "all" opens the table sorted as the list is
  const item = (row: RankedCampaign, text: string): RankedItem => ({
    key: row.id,
    name: row.name ?? row.id,
    href: viewHref('campaigns', { ...rangeParams(state), campaign: row.id }),
    value: text,
  });
  const all = (sort: string, order: 'asc' | 'desc', label: string) => ({
    href: viewHref('campaigns', { ...rangeParams(state), sort, order }),
    label: `All campaigns by ${label}`,
  });
  const contacts = (row: RankedCampaign) => item(row, formatCount(value(row, 'newContacts')));
  const cost = (row: RankedCampaign) => item(row, formatMoney(value(row, 'costPerNewContact'), row.currency ?? 'USD'));

  return (
    <section aria-labelledby="campaign-leaders-title" className="leaders">
      <h3 id="campaign-leaders-title">Campaigns</h3>
      <QueryStatus
        query={byContacts}
        what="the campaigns"
        isEmpty={(data) => !data.rows.some(spent)}
        empty={<p className="hint">No campaign spent in this range.</p>}
      >
        {(data) => {
          const active = data.rows.filter(spent);
          const top = active.filter((r) => (value(r, 'newContacts') ?? 0) > 0).slice(0, SHOWN);
          return (
            <div className="ranked-grid">
              <RankedList
                id="campaigns-most-contacts"
                title="Most new contacts"
                all={all('newContacts', 'desc', 'most new contacts')}
                items={top.map(contacts)}
                none="No campaign brought a new contact."
              />
              <RankedList
                id="campaigns-fewest-contacts"
                title="Fewest new contacts, of those that spent"
                all={all('newContacts', 'asc', 'fewest new contacts')}
                items={otherEnd(active, top).map(contacts)}
                none="No other campaign spent."
              />
            </div>
          );
        }}
      </QueryStatus>
      <QueryStatus
        query={byCost}
        what="the campaigns' costs"
        isEmpty={(data) => !data.rows.some((r) => value(r, 'costPerNewContact') !== null)}
        empty={<p className="hint">No campaign has a cost per new contact in this range.</p>}
      >
        {(data) => {
          const priced = data.rows.filter((r) => value(r, 'costPerNewContact') !== null);
          const cheapest = priced.slice(0, SHOWN);
          const currencies = new Set(priced.map((r) => r.currency));
          return (
            <>
              <div className="ranked-grid">
                <RankedList
                  id="campaigns-cheapest"
                  title="Lowest cost per new contact"
                  all={all('costPerNewContact', 'asc', 'lowest cost per new contact')}
                  items={cheapest.map(cost)}
                  none=""
                />
                <RankedList
                  id="campaigns-costliest"
                  title="Highest cost per new contact"
                  all={all('costPerNewContact', 'desc', 'highest cost per new contact')}
                  items={otherEnd(priced, cheapest).map(cost)}
                  none="No other campaign has a cost per new contact."
                />
              </div>
              {currencies.size > 1 && (
                <p className="hint">
                  Each cost is in its campaign's currency; campaigns are ranked by the amount alone.
                </p>
              )}
            </>
          );
        }}
      </QueryStatus>
    </section>
  );
}
