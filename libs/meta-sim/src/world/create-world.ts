import type { InsightsQuery, World, WorldOptions } from '../types.js';
import { worldEvents } from './events.js';
import { worldInsights } from './insights.js';
import { SimWorld } from './sim-world.js';
import { SIZES } from './sizes.js';
import { buildStructure } from './structure.js';
import { worldPersonState, worldTruth } from './truth.js';

/**
 * A seeded, deterministic Meta world: ad accounts, pages, ref links, daily delivery and the Messenger
 * activity of its people. Everything streams; nothing holds the whole world, so `large` fits in memory.
 */
export function createWorld(options: WorldOptions): World {
  const endDate = options.endDate ?? new Date().toISOString().slice(0, 10);
  const spec = SIZES[options.size];
  if (!spec) throw new Error(`Unknown world size "${String(options.size)}": use tiny, small, medium or large.`);
  if (!Number.isInteger(options.seed)) throw new Error(`The world seed must be an integer, got ${options.seed}.`);
  const sim = new SimWorld(buildStructure(options.seed, spec, endDate), spec);
  const s = sim.structure;
  const byAccount = <T extends { accountId: string }>(items: T[], accountId: string): T[] =>
    items.filter((i) => i.accountId === accountId || i.accountId === `act_${accountId}`);
  return {
    options: { seed: options.seed, size: options.size, endDate },
    accounts: s.accounts.map((a) => a.account),
    pages: s.pages.map((p) => p.page),
    refLinks: s.refs.map((r) => r.link),
    systemUserToken: s.systemUserToken,
    appId: s.appId,
    campaigns: (accountId) => byAccount(s.campaigns, accountId),
    adsets: (accountId) => byAccount(s.adsets, accountId),
    ads: (accountId) =>
      byAccount(
        s.ads.map((a) => a.ad),
        accountId,
      ),
    insights: (query: InsightsQuery) => worldInsights(sim, query),
    events: (from, to) => worldEvents(sim, from, to),
    truth: () => worldTruth(sim),
    personState: (pageId, psid, at) => worldPersonState(sim, pageId, psid, at),
  };
}
