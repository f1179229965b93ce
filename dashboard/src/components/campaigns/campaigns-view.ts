import type { AdLevel, SortOrder } from '../../data/campaigns/ad-rows-query';
import { hrefWith, type Params } from '../../lib/url-state';

export const MIN_PICKED = 2;
export const MAX_PICKED = 5;

export type CampaignsTab = 'table' | 'reconciliation';

/** What the Campaigns page shows, all of it read from the URL so a link or reload keeps the view. */
export type CampaignsView = {
  tab: CampaignsTab;
  level: AdLevel;
  /** the campaign whose ad sets (or whose ad set's ads) are listed */
  campaign: string | null;
  /** the ad set whose ads are listed */
  adset: string | null;
  sort: string | null;
  order: SortOrder;
  /** campaign ids picked for comparison, in the order picked */
  picked: string[];
  /** the ad whose days the reconciliation lists */
  reconciliationAd: string | null;
};

const ID = /^[A-Za-z0-9_-]{1,60}$/;
const id = (value: string | null) => (value && ID.test(value) ? value : null);

export function campaignsViewFromParams(params: URLSearchParams): CampaignsView {
  const campaign = id(params.get('campaign'));
  const adset = campaign ? id(params.get('adset')) : null;
  const sort = params.get('sort');
  const picked = (params.get('pick') ?? '')
    .split(',')
    .filter((p) => ID.test(p))
    .filter((p, i, all) => all.indexOf(p) === i)
    .slice(0, MAX_PICKED);
  return {
    tab: params.get('tab') === 'reconciliation' ? 'reconciliation' : 'table',
    level: adset ? 'ad' : campaign ? 'adset' : 'campaign',
    campaign,
    adset,
    sort: sort && /^[A-Za-z]{1,40}$/.test(sort) ? sort : null,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    picked,
    reconciliationAd: id(params.get('ad')),
  };
}

/** The current URL with some of the page's state changed. */
export const campaignsHref = (changes: Params) => hrefWith({ view: 'campaigns', ...changes });

/** A header click: a new column sorts by it, worst-to-best is one more click (desc, then asc). */
export function sortChange(view: CampaignsView, metric: string, defaultSort: string): Params {
  const current = view.sort ?? defaultSort;
  const order = current === metric && view.order === 'desc' ? 'asc' : 'desc';
  return { sort: metric, order };
}

/** The picked list after ticking or unticking a campaign; never more than MAX_PICKED. */
export function togglePicked(picked: string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((p) => p !== id);
  return picked.length >= MAX_PICKED ? picked : [...picked, id];
}

export const pickParam = (picked: string[]) => (picked.length ? picked.join(',') : undefined);
