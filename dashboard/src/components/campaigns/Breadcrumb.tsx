import { useAdRowsQuery } from '../../data/campaigns/ad-rows-query';
import type { RangeState } from '../../lib/date-range';
import { Link } from '../Link';
import { campaignsHref, type CampaignsView } from './campaigns-view';

/** Where the drill-down stands: all campaigns › a campaign › an ad set; each step but the last is a link. */
export function Breadcrumb({ view, state }: { view: CampaignsView; state: RangeState }) {
  // the names come from the level above, usually already in the cache
  const campaigns = useAdRowsQuery({ level: 'campaign' }, state.range, 'off', view.campaign !== null);
  const adsets = useAdRowsQuery(
    { level: 'adset', parent: view.campaign ?? undefined },
    state.range,
    'off',
    view.adset !== null,
  );
  if (view.level === 'campaign') return null;
  const campaignName = campaigns.data?.rows.find((r) => r.id === view.campaign)?.name ?? `Campaign ${view.campaign}`;
  const adsetName = adsets.data?.rows.find((r) => r.id === view.adset)?.name ?? `Ad set ${view.adset}`;
  return (
    <nav aria-label="Drill-down" className="breadcrumb">
      <ol>
        <li>
          <Link href={campaignsHref({ campaign: undefined, adset: undefined })}>All campaigns</Link>
        </li>
        <li>
          {view.adset ? (
            <Link href={campaignsHref({ adset: undefined })}>{campaignName}</Link>
          ) : (
            <span aria-current="page">{campaignName}</span>
          )}
        </li>
        {view.adset && (
          <li>
            <span aria-current="page">{adsetName}</span>
          </li>
        )}
      </ol>
    </nav>
  );
}
