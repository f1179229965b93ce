import type { SimAdAccount } from '../../types.js';
import { requireSystemUser } from '../auth.js';
import { forKind, type Ctx, type GraphNode } from '../context.js';
import { tooMuchData } from '../errors.js';
import { insightRows, insightsSpec, objectDays, specKey, type InsightsSpec } from '../insights-query.js';
import { page, pageWindow } from '../paging.js';
import type { RouteTable } from '../router.js';

/** The spec of an insights call on any ad node: the account, or a campaign / ad set / ad scoped inside it. */
export function specForNode(ctx: Ctx, node: GraphNode, params = ctx.req.params): InsightsSpec {
  const account = (node as { account: SimAdAccount }).account;
  const scope =
    node.kind === 'campaign' || node.kind === 'adset' || node.kind === 'ad'
      ? { level: node.kind, id: node.object.id }
      : undefined;
  return insightsSpec(ctx.state, account, params, scope);
}

/** Serves one page of a spec's rows, continuing the stream a previous page left off. */
export function servePage(ctx: Ctx, spec: InsightsSpec, keyPrefix: string) {
  const win = pageWindow(ctx.req.params, 25, 5000);
  const { rows, hasNext } = ctx.state.pager.take(
    `${keyPrefix}|${specKey(spec)}`,
    () => insightRows(ctx.state, spec),
    win,
  );
  ctx.cpu = 1 + rows.length / 100;
  return page(ctx.req, ctx.baseUrl, rows, win, hasNext);
}

const syncInsights = forKind(['account', 'campaign', 'adset', 'ad'], (ctx, node) => {
  requireSystemUser(ctx.auth);
  const spec = specForNode(ctx, node);
  if (objectDays(ctx.state, spec) > ctx.state.maxSyncObjectDays) throw tooMuchData();
  return servePage(ctx, spec, 'sync');
});

export const insightsRoutes: RouteTable = {
  'GET account/insights': { handle: syncInsights, buc: 'ads_insights' },
  'GET campaign/insights': { handle: syncInsights, buc: 'ads_insights' },
  'GET adset/insights': { handle: syncInsights, buc: 'ads_insights' },
  'GET ad/insights': { handle: syncInsights, buc: 'ads_insights' },
};
