import type { SimAd, SimAdAccount, SimAdSet, SimCampaign, SimPage, World } from '../types.js';

export type AdObject =
  { kind: 'campaign'; object: SimCampaign } | { kind: 'adset'; object: SimAdSet } | { kind: 'ad'; object: SimAd };

/** Lookups by Graph id, built once: the ad tree is small even for `large` (thousands of ads). */
export type WorldIndex = {
  world: World;
  accounts: Map<string, SimAdAccount>;
  pages: Map<string, SimPage>;
  pagesByToken: Map<string, SimPage>;
  objects: Map<string, AdObject>;
  campaigns: Map<string, SimCampaign[]>;
  adsets: Map<string, SimAdSet[]>;
  ads: Map<string, SimAd[]>;
};

export function indexWorld(world: World): WorldIndex {
  const index: WorldIndex = {
    world,
    accounts: new Map(world.accounts.map((a) => [a.id, a])),
    pages: new Map(world.pages.map((p) => [p.id, p])),
    pagesByToken: new Map(world.pages.map((p) => [p.accessToken, p])),
    objects: new Map(),
    campaigns: new Map(),
    adsets: new Map(),
    ads: new Map(),
  };
  for (const account of world.accounts) {
    const campaigns = [...world.campaigns(account.id)];
    const adsets = [...world.adsets(account.id)];
    const ads = [...world.ads(account.id)];
    index.campaigns.set(account.id, campaigns);
    index.adsets.set(account.id, adsets);
    index.ads.set(account.id, ads);
    for (const object of campaigns) index.objects.set(object.id, { kind: 'campaign', object });
    for (const object of adsets) index.objects.set(object.id, { kind: 'adset', object });
    for (const object of ads) index.objects.set(object.id, { kind: 'ad', object });
  }
  return index;
}

/** The account an object belongs to, whatever form its `accountId` takes (`act_1` or `1`). */
export function accountOf(index: WorldIndex, accountId: string): SimAdAccount | undefined {
  return index.accounts.get(accountId) ?? index.accounts.get(`act_${accountId}`);
}
