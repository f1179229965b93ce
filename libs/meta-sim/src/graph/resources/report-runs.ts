import { requireSystemUser } from '../auth.js';
import { forKind, type ReportRun } from '../context.js';
import { GraphError } from '../errors.js';
import { pickFields, type FieldGetters } from '../fields.js';
import type { RouteTable } from '../router.js';
import { servePage, specForNode } from './insights.js';

type Progress = { status: string; percent: number };

/** Meta's job states in order; a run moves one step per poll and completes after enough polls and time. */
function progress(run: ReportRun, asyncPolls: number, asyncMs: number, now: number): Progress {
  const polls = run.polls;
  if (polls === 0) return { status: 'Job Not Started', percent: 0 };
  if (polls === 1) return { status: 'Job Started', percent: 0 };
  const percent = Math.min(99, Math.round((polls / Math.max(asyncPolls, 2)) * 100));
  if (run.fails) return { status: 'Job Failed', percent };
  if (polls >= asyncPolls && now - run.createdAt >= asyncMs) return { status: 'Job Completed', percent: 100 };
  return { status: 'Job Running', percent };
}

const createRun = forKind(['account', 'campaign', 'adset', 'ad'], (ctx, node) => {
  requireSystemUser(ctx.auth);
  // validate now, so a bad request fails at creation as Meta's does, not at the first poll
  specForNode(ctx, node);
  const { state } = ctx;
  const id = state.nextId();
  const nodeId = node.kind === 'account' ? node.account.id : node.object.id;
  const params = { ...ctx.req.params };
  delete params['access_token'];
  const run = {
    id,
    account: node.account,
    nodeId,
    params,
    createdAt: state.now(),
    polls: 0,
    fails: state.faults.reportFails(),
  };
  state.reportRuns.set(id, run);
  ctx.cpu = 5;
  return { report_run_id: id };
});

const readRun = forKind(['report_run'], (ctx, { run }) => {
  requireSystemUser(ctx.auth);
  const { state } = ctx;
  const p = progress(run, state.asyncPolls, state.asyncMs, state.now());
  run.polls++;
  const spec = specForNode(ctx, { kind: 'account', account: run.account }, run.params);
  const getters: FieldGetters<ReportRun> = {
    id: (r) => r.id,
    account_id: (r) => r.account.accountId,
    async_status: () => p.status,
    async_percent_completion: () => p.percent,
    date_start: () => spec.query.since,
    date_stop: () => spec.query.until,
    time_ref: (r) => Math.floor(r.createdAt / 1000),
    time_completed: (r) => (p.status === 'Job Completed' ? Math.floor(r.createdAt / 1000) + 1 : undefined),
    is_running: () => p.status !== 'Job Completed' && p.status !== 'Job Failed',
  };
  return pickFields(run, getters, ctx.req.params, 'AdReportRun', [
    'id',
    'account_id',
    'async_status',
    'async_percent_completion',
  ]);
});

const runInsights = forKind(['report_run'], (ctx, { run }) => {
  requireSystemUser(ctx.auth);
  const { state } = ctx;
  const p = progress(run, state.asyncPolls, state.asyncMs, state.now());
  if (p.status === 'Job Failed')
    throw new GraphError({
      message: 'Error accessing adreport job.',
      type: 'OAuthException',
      code: 2601,
      error_subcode: 1815107,
    });
  if (p.status !== 'Job Completed')
    throw new GraphError({
      message: 'Error accessing adreport job.',
      type: 'OAuthException',
      code: 2601,
      error_subcode: 1815102,
    });
  const node = state.index.objects.get(run.nodeId);
  const base = node ? { ...node, account: run.account } : { kind: 'account' as const, account: run.account };
  const spec = specForNode(ctx, base, { ...run.params, fields: ctx.req.params['fields'] ?? run.params['fields'] });
  return servePage(ctx, spec, `run:${run.id}`);
});

export const reportRunRoutes: RouteTable = {
  'POST account/insights': { handle: createRun, buc: 'ads_insights' },
  'POST campaign/insights': { handle: createRun, buc: 'ads_insights' },
  'POST adset/insights': { handle: createRun, buc: 'ads_insights' },
  'POST ad/insights': { handle: createRun, buc: 'ads_insights' },
  'GET report_run': { handle: readRun, buc: 'ads_insights' },
  'GET report_run/insights': { handle: runInsights, buc: 'ads_insights' },
};
