import { TZDate } from '@date-fns/tz';
import { dayNumber, DAY_MS, DayStarts, HOUR_MS } from './calendar.js';
import { graphId, tokenOf } from './ids.js';
import type { AccountModel, PageModel, RefModel, Structure } from './model.js';
import { ACCOUNT_TEMPLATES, LINK_REFS, PAGE_TEMPLATES, PLUGIN_REFS, QR_REFS } from './names.js';
import { Rng, Tag } from './rand.js';
import type { SizeSpec } from './sizes.js';
import { buildAdTree } from './ad-tree.js';

/** Builds accounts, pages, ref links and the campaign tree; cheap even for the large world. */
export function buildStructure(seed: number, spec: SizeSpec, endDate: string): Structure {
  const endDay = dayNumber(endDate);
  const startDay = endDay - spec.days + 1;
  const worldStart = startDay * DAY_MS;
  const worldEnd = (endDay + 1) * DAY_MS;
  const accounts = buildAccounts(seed, spec, startDay);
  const pages = buildPages(seed, spec, accounts, worldEnd);
  const refs = buildRefs(seed, spec, pages);
  const base = { seed, startDay, endDay, worldStart, worldEnd, accounts, pages, refs };
  const tree = buildAdTree(base, spec);
  return { ...base, ...tree, systemUserToken: tokenOf(seed, 1, 0), appId: graphId(seed, '7', 1, 15) };
}

function buildAccounts(seed: number, spec: SizeSpec, startDay: number): AccountModel[] {
  return Array.from({ length: spec.accounts }, (_, index) => {
    const template = ACCOUNT_TEMPLATES[index % ACCOUNT_TEMPLATES.length] ?? ACCOUNT_TEMPLATES[0];
    const accountId = graphId(seed, '10', index, 16);
    return {
      index,
      // local days from the day before the first UTC day to the day after the last: zones on both sides of UTC
      days: new DayStarts(startDay - 1, spec.days + 2, template.timezoneName),
      account: {
        id: `act_${accountId}`,
        accountId,
        businessId: graphId(seed, '9', 0, 15),
        name: template.name,
        currency: template.currency,
        timezoneName: template.timezoneName,
        accountStatus: 1,
        tier: template.tier,
      },
    };
  });
}

function buildPages(seed: number, spec: SizeSpec, accounts: AccountModel[], worldEnd: number): PageModel[] {
  return Array.from({ length: spec.pages }, (_, index) => {
    const template = PAGE_TEMPLATES[index % PAGE_TEMPLATES.length] ?? PAGE_TEMPLATES[0];
    const zone = accounts[index % accounts.length]?.account.timezoneName ?? 'UTC';
    const offsetMinutes = -new TZDate(worldEnd, zone).getTimezoneOffset();
    return {
      index,
      site: template.site,
      utcOffsetHours: (offsetMinutes * 60_000) / HOUR_MS,
      page: {
        id: graphId(seed, '1', index, 15),
        name: template.name,
        username: template.username,
        accessToken: tokenOf(seed, 2, index),
      },
    };
  });
}

function buildRefs(seed: number, spec: SizeSpec, pages: PageModel[]): RefModel[] {
  const refs: RefModel[] = [];
  for (const page of pages) {
    const rng = new Rng([seed, Tag.structure, 100, page.index]);
    const add = (ref: string, kind: 'link' | 'qr' | 'plugin', label: string, refererUri?: string): void => {
      refs.push({
        index: refs.length,
        page,
        link: { pageId: page.page.id, ref, kind, label },
        rateMult: rng.between(0.4, 1.8),
        convMult: rng.chance(0.25) ? 2 : rng.between(0.6, 1.2),
        blockMult: 1,
        ...(refererUri === undefined ? {} : { refererUri }),
      });
    };
    for (let i = 0; i < spec.refLinks.link; i += 1)
      add(pickName(LINK_REFS, i), 'link', `m.me link ${pickName(LINK_REFS, i)}`);
    for (let i = 0; i < spec.refLinks.qr; i += 1) add(pickName(QR_REFS, i), 'qr', `QR code ${pickName(QR_REFS, i)}`);
    for (let i = 0; i < spec.refLinks.plugin; i += 1) {
      const plugin = PLUGIN_REFS[i % PLUGIN_REFS.length] ?? PLUGIN_REFS[0];
      add(suffixed(plugin.ref, i, PLUGIN_REFS.length), 'plugin', `Chat plugin ${plugin.path}`, page.site + plugin.path);
    }
    // one m.me link per page draws an audience that blocks far more often (a bought list, say)
    const noisy = refs.find((r) => r.page === page && r.link.kind === 'link');
    if (noisy) noisy.blockMult = 4;
  }
  return refs;
}

function pickName(pool: readonly string[], i: number): string {
  return suffixed(pool[i % pool.length] ?? 'ref', i, pool.length);
}

function suffixed(name: string, i: number, poolSize: number): string {
  return i < poolSize ? name : `${name}_${Math.floor(i / poolSize) + 1}`;
}
