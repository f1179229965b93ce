import type { SimAdSet, SimCampaign, Status } from '../types.js';
import { DAY_MS, graphTime } from './calendar.js';
import { graphId } from './ids.js';
import { activeIntervals, type Change, drawLifecycle, intersect, stateAt, toObjectChanges } from './lifecycle.js';
import type { AccountModel, AdParams, PageModel, Structure } from './model.js';
import { AD_TITLES, AUDIENCES, CAMPAIGN_THEMES, CREATIVES, OBJECTIVES } from './names.js';
import { Rng, Tag } from './rand.js';
import type { SizeSpec } from './sizes.js';

type Base = Pick<Structure, 'seed' | 'worldStart' | 'worldEnd' | 'accounts' | 'pages'>;
type Node = { changes: Change[]; created: number };
type Tree = Pick<Structure, 'campaigns' | 'adsets' | 'ads'>;

/** Campaigns → ad sets → ads per account, each with a history and, for ads, delivery intervals. */
export function buildAdTree(base: Base, spec: SizeSpec): Tree {
  const tree: Tree = { campaigns: [], adsets: [], ads: [] };
  for (const account of base.accounts) {
    const adsetCount = spec.campaignsPerAccount * spec.adsetsPerCampaign;
    const adsPerAdset = Math.ceil(spec.adsPerAccount / adsetCount);
    let remaining = spec.adsPerAccount;
    for (let c = 0; c < spec.campaignsPerAccount; c += 1) {
      const campaign = addCampaign(base, tree, account, c);
      for (let s = 0; s < spec.adsetsPerCampaign && remaining > 0; s += 1) {
        const adset = addAdset(base, tree, account, campaign, s);
        for (let a = 0; a < adsPerAdset && remaining > 0; a += 1, remaining -= 1) {
          addAd(base, tree, account, campaign, adset, spec.adArrivals);
        }
      }
    }
  }
  return tree;
}

type Built = { sim: SimCampaign; node: Node; theme: string };

function addCampaign(base: Base, tree: Tree, account: AccountModel, c: number): Built {
  const index = tree.campaigns.length;
  const rng = new Rng([base.seed, Tag.structure, 1, index]);
  const theme = CAMPAIGN_THEMES[(index + account.index) % CAMPAIGN_THEMES.length] ?? 'Campaign';
  const before = rng.chance(0.75);
  const created = before
    ? base.worldStart - Math.floor(rng.between(20, 60) * DAY_MS)
    : base.worldStart + Math.floor(rng.between(0, 0.6) * (base.worldEnd - base.worldStart));
  const name = `${theme} — CTM ${account.account.currency} #${c + 1}`;
  const node = lifecycle(rng, base, created, name, `${name} (v2)`, [0.2, 0.5, 0.2, 0.3]);
  const objective = OBJECTIVES[index % OBJECTIVES.length] ?? 'MESSAGES';
  const id = graphId(base.seed, '2385', index, 17);
  const sim = simObject(id, account, node, objective, base.worldEnd, undefined);
  tree.campaigns.push(sim);
  return { sim, node, theme };
}

function addAdset(base: Base, tree: Tree, account: AccountModel, campaign: Built, s: number): Built {
  const index = tree.adsets.length;
  const rng = new Rng([base.seed, Tag.structure, 2, index]);
  const created = campaign.node.created + Math.floor(rng.between(0, 2) * DAY_MS);
  const name = `${AUDIENCES[(index + s) % AUDIENCES.length] ?? 'Audience'}`;
  const node = lifecycle(rng, base, created, name, `${name} — broad`, [0.15, 0.5, 0.15, 0.3]);
  const parent = stateAt(campaign.node.changes, base.worldEnd).status;
  const id = graphId(base.seed, '2386', index, 17);
  const sim: SimAdSet = {
    ...simObject(id, account, node, campaign.sim.objective, base.worldEnd, parent),
    campaignId: campaign.sim.id,
  };
  tree.adsets.push(sim);
  return { sim, node, theme: campaign.theme };
}

function addAd(
  base: Base,
  tree: Tree,
  account: AccountModel,
  campaign: Built,
  adset: Built,
  meanArrivals: number,
): void {
  const index = tree.ads.length;
  const rng = new Rng([base.seed, Tag.structure, 3, index]);
  const earliest = Math.max(adset.node.created, base.worldStart);
  const created = rng.chance(0.65)
    ? adset.node.created + Math.floor(rng.between(0, 1) * DAY_MS)
    : earliest + Math.floor(rng.between(0, 0.7) * (base.worldEnd - earliest));
  const name = `${CREATIVES[index % CREATIVES.length] ?? 'Creative'} — ${campaign.theme}`;
  const node = lifecycle(rng, base, created, name, `${name} — new copy`, [0.35, 0.35, 0.2, 0.5]);
  const page = pickPage(rng, base.pages, account);
  const parents = worstStatus(stateAt(adset.node.changes, base.worldEnd).status, campaign);
  const id = graphId(base.seed, '2387', index, 17);
  const sim = simObject(id, account, node, campaign.sim.objective, base.worldEnd, parents);
  const active = intersect(
    intersect(
      activeIntervals(campaign.node.changes, base.worldStart, base.worldEnd),
      activeIntervals(adset.node.changes, base.worldStart, base.worldEnd),
    ),
    activeIntervals(node.changes, base.worldStart, base.worldEnd),
  );
  const adTitle = AD_TITLES[index % AD_TITLES.length] ?? 'Message us';
  tree.ads.push({
    index,
    account,
    page,
    active,
    params: drawParams(base.seed, index, page, meanArrivals),
    ad: { ...sim, campaignId: campaign.sim.id, adsetId: adset.sim.id, pageId: page.page.id, adTitle },
  });
}

/** A parent that is not ACTIVE shows in the child's effective_status; the campaign wins over the ad set. */
function worstStatus(adsetStatus: Status, campaign: Built): { status: Status; level: 'ADSET' | 'CAMPAIGN' } | Status {
  const campaignStatus = stateAt(campaign.node.changes, Number.POSITIVE_INFINITY).status;
  if (campaignStatus !== 'ACTIVE') return { status: campaignStatus, level: 'CAMPAIGN' };
  if (adsetStatus !== 'ACTIVE') return { status: adsetStatus, level: 'ADSET' };
  return 'ACTIVE';
}

function lifecycle(rng: Rng, base: Base, createdAt: number, name: string, renamed: string, p: number[]): Node {
  // objects are created on whole seconds, like Graph's created_time
  const created = Math.floor(Math.min(createdAt, base.worldEnd - DAY_MS) / 1000) * 1000;
  const [pauseChance = 0, resumeChance = 0, renameChance = 0, archiveChance = 0] = p;
  const options = {
    created,
    worldEnd: base.worldEnd,
    name,
    renamed,
    pauseChance,
    resumeChance,
    renameChance,
    archiveChance,
  };
  return { created, changes: drawLifecycle(rng, options) };
}

function simObject(
  id: string,
  account: AccountModel,
  node: Node,
  objective: string,
  worldEnd: number,
  parent: Status | { status: Status; level: 'ADSET' | 'CAMPAIGN' } | undefined,
): SimCampaign {
  const zone = account.account.timezoneName;
  const state = stateAt(node.changes, worldEnd);
  return {
    id,
    accountId: account.account.id,
    name: state.name,
    objective,
    status: state.status,
    effectiveStatus: effective(state.status, parent),
    createdTime: graphTime(node.created, zone),
    updatedTime: graphTime(state.updated, zone),
    history: toObjectChanges(node.changes, zone),
  };
}

function effective(own: Status, parent: Status | { status: Status; level: 'ADSET' | 'CAMPAIGN' } | undefined): string {
  if (own !== 'ACTIVE' || parent === undefined) return own;
  if (typeof parent === 'string') return parent === 'ACTIVE' ? 'ACTIVE' : 'CAMPAIGN_PAUSED';
  return `${parent.level}_PAUSED`;
}

function pickPage(rng: Rng, pages: PageModel[], account: AccountModel): PageModel {
  const home = pages[account.index % pages.length];
  if (!home) throw new Error('a world needs at least one page');
  // some accounts also advertise a sister page
  return pages.length > 1 && rng.chance(0.1) ? rng.pick(pages) : home;
}

function drawParams(seed: number, index: number, page: PageModel, meanArrivals: number): AdParams {
  const rng = new Rng([seed, Tag.adParams, index]);
  const cpmCents = rng.between(600, 1400);
  const ctr = rng.between(0.008, 0.03);
  const linkShare = rng.between(0.6, 0.85);
  const msgRate = rng.between(0.3, 0.7);
  const arrivals = meanArrivals * rng.between(0.5, 1.6);
  return {
    // the daily budget that buys `arrivals` people a day through this ad's funnel
    budgetCents: (arrivals * cpmCents) / (1000 * ctr * linkShare * msgRate),
    cpmCents,
    ctr,
    linkShare,
    msgRate,
    convMult: rng.chance(0.25) ? 2 : rng.between(0.6, 1.2),
    blockMult: rng.chance(0.15) ? 2.5 : rng.between(0.7, 1.2),
    engagement: rng.between(0.7, 1.4),
    media: rng.chance(0.6) ? 'video' : 'photo',
    postId: `${page.page.id}_${graphId(seed, '5', index, 16)}`,
  };
}
