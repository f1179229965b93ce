import type { SimAd, SimAdSet, SimCampaign } from '../../types.js';
import { requireSystemUser } from '../auth.js';
import { forKind, type Ctx, type GraphNode } from '../context.js';
import { invalidParam } from '../errors.js';
import { checkFields, pickFields, type FieldGetters } from '../fields.js';
import { filterRules, matchesAll } from '../filtering.js';
import { pageOf, pageWindow } from '../paging.js';
import { jsonParam } from '../request.js';
import type { RouteTable } from '../router.js';
import type { WorldIndex } from '../world-index.js';

type AnyObject = SimCampaign | SimAdSet | SimAd;
type Kind = 'campaign' | 'adset' | 'ad';

const numericAccountId = (o: AnyObject) => o.accountId.replace(/^act_/, '');

const COMMON: FieldGetters<AnyObject> = {
  id: (o) => o.id,
  account_id: numericAccountId,
  name: (o) => o.name,
  status: (o) => o.status,
  configured_status: (o) => o.status,
  effective_status: (o) => o.effectiveStatus,
  objective: (o) => o.objective,
  created_time: (o) => o.createdTime,
  updated_time: (o) => o.updatedTime,
};

const FIELDS: Record<Kind, FieldGetters<AnyObject>> = {
  campaign: { ...COMMON, buying_type: () => 'AUCTION', special_ad_categories: () => [] },
  adset: { ...COMMON, campaign_id: (o) => ('campaignId' in o ? o.campaignId : undefined) },
  ad: {
    ...COMMON,
    campaign_id: (o) => ('campaignId' in o ? o.campaignId : undefined),
    adset_id: (o) => ('adsetId' in o ? o.adsetId : undefined),
    creative: (o) => ({ id: `${o.id}0` }),
    title: (o) => ('adTitle' in o ? o.adTitle : undefined),
  },
};
// Ads have no objective of their own in Graph
delete FIELDS.ad['objective'];

const NODE_TYPES: Record<Kind, string> = { campaign: 'Campaign', adset: 'AdSet', ad: 'Ad' };
const HIDDEN_BY_DEFAULT = new Set(['DELETED', 'ARCHIVED']);

/** Filter fields on these edges: `effective_status`, `campaign.id`, `adset.effective_status`, `name`... */
function lookup(index: WorldIndex) {
  return (o: AnyObject, field: string): unknown => {
    const [prefix, name] = field.includes('.') ? (field.split('.', 2) as [string, string]) : ['', field];
    const target = prefix ? related(index, o, prefix) : o;
    if (!target) return undefined;
    const getter = FIELDS.ad[name] ?? COMMON[name];
    return getter?.(target);
  };
}

function related(index: WorldIndex, o: AnyObject, prefix: string): AnyObject | undefined {
  if (prefix === 'campaign') return 'campaignId' in o ? index.objects.get(o.campaignId)?.object : o;
  if (prefix === 'adset') return 'adsetId' in o ? index.objects.get(o.adsetId)?.object : o;
  return o;
}

/** Lists one kind of object under a node, with `effective_status`, `filtering`, `fields` and paging. */
function listEdge(kind: Kind) {
  return forKind(['account', 'campaign', 'adset'], (ctx, node) => {
    requireSystemUser(ctx.auth);
    const { params } = ctx.req;
    checkFields(FIELDS[kind], params, NODE_TYPES[kind]);
    const statuses = jsonParam(params, 'effective_status');
    if (statuses !== undefined && !Array.isArray(statuses))
      throw invalidParam('Param effective_status must be an array');
    const wanted = statuses?.map(String);
    const rules = filterRules(params);
    const index = ctx.state.index;
    const rows = objectsUnder(index, kind, node)
      .filter((o) => (wanted ? wanted.includes(o.effectiveStatus) : !HIDDEN_BY_DEFAULT.has(o.effectiveStatus)))
      .filter((o) => matchesAll(o, rules, lookup(index)))
      .map((o) => pickFields(o, FIELDS[kind], params, NODE_TYPES[kind]));
    return pageOf(ctx.req, ctx.baseUrl, rows, pageWindow(params));
  });
}

function objectsUnder(index: WorldIndex, kind: Kind, node: GraphNode): AnyObject[] {
  if (!('account' in node)) return [];
  const all: AnyObject[] =
    (kind === 'campaign' ? index.campaigns : kind === 'adset' ? index.adsets : index.ads).get(node.account.id) ?? [];
  if (node.kind === 'campaign') return all.filter((o) => 'campaignId' in o && o.campaignId === node.object.id);
  if (node.kind === 'adset') return all.filter((o) => 'adsetId' in o && o.adsetId === node.object.id);
  return all;
}

const objectNode = forKind(['campaign', 'adset', 'ad'], (ctx: Ctx, node) => {
  requireSystemUser(ctx.auth);
  return pickFields(node.object, FIELDS[node.kind], ctx.req.params, NODE_TYPES[node.kind]);
});

export const adObjectRoutes: RouteTable = {
  'GET account/campaigns': { handle: listEdge('campaign'), buc: 'ads_management' },
  'GET account/adsets': { handle: listEdge('adset'), buc: 'ads_management' },
  'GET account/ads': { handle: listEdge('ad'), buc: 'ads_management' },
  'GET campaign/adsets': { handle: listEdge('adset'), buc: 'ads_management' },
  'GET campaign/ads': { handle: listEdge('ad'), buc: 'ads_management' },
  'GET adset/ads': { handle: listEdge('ad'), buc: 'ads_management' },
  'GET campaign': { handle: objectNode, buc: 'ads_management' },
  'GET adset': { handle: objectNode, buc: 'ads_management' },
  'GET ad': { handle: objectNode, buc: 'ads_management' },
};
