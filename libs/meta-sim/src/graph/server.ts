import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { World } from '../types.js';
import { authenticate, resolveNode } from './auth.js';
import type { CallScope, Ctx, Route, SentMessage, ServerState } from './context.js';
import { GraphError, transientError, unknownPath } from './errors.js';
import { FaultInjector, type Faults } from './faults.js';
import { readRequest } from './request.js';
import { accountRoutes } from './resources/accounts.js';
import { adObjectRoutes } from './resources/ad-objects.js';
import { conversationRoutes } from './resources/conversations.js';
import { debugTokenRoutes } from './resources/debug-token.js';
import { insightsRoutes } from './resources/insights.js';
import { pageRoutes } from './resources/pages.js';
import { reportRunRoutes } from './resources/report-runs.js';
import { findRoute, type RouteTable } from './router.js';
import { StreamPager } from './stream-pager.js';
import { ThreadIndex } from './threads.js';
import { DEFAULT_BUDGETS, UsageTracker, type UsageBudgets } from './usage.js';
import { indexWorld } from './world-index.js';

export type GraphServerOptions = {
  port?: number;
  host?: string;
  faults?: Faults;
  /** Budgets per rolling window; `buc` entries merge over the defaults. */
  budgets?: Partial<Omit<UsageBudgets, 'buc'>> & { buc?: Partial<UsageBudgets['buc']> };
  /** The server's clock (epoch ms): inject one to move through rate-limit windows without waiting. */
  now?: () => number;
  /** An async report completes after this many polls of its status (default 3)... */
  asyncPolls?: number;
  /** ...and at least this many ms after creation (default 0). */
  asyncMs?: number;
  /** Synchronous insights over more object-days than this fail with 100/1487534 (default 20,000). */
  maxSyncObjectDays?: number;
  /** When set, a wrong `appsecret_proof` is refused as Meta does. */
  appSecret?: string;
};

export type GraphServer = {
  /** Base URL without version: what to give the SDK as GRAPH (and the app as META_GRAPH_URL). */
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(faults: Faults): void;
  /** From now on the token fails with 190 / 463 (expired). */
  expireToken(token: string): void;
  /** debug_token reports the token as expiring at this time (epoch ms); it keeps working until expireToken. */
  setTokenExpiry(token: string, expiresAtMs: number): void;
  /** Usage headers as the next call on that ad account (or any call, without one) would see them. */
  usage(accountId?: string): Record<string, unknown>;
  /** Calls received so far, faults included. */
  readonly requests: number;
  /** Messages accepted by the Send API. */
  readonly sent: readonly SentMessage[];
};

const ROUTES: RouteTable = {
  ...accountRoutes,
  ...adObjectRoutes,
  ...insightsRoutes,
  ...reportRunRoutes,
  ...pageRoutes,
  ...conversationRoutes,
  ...debugTokenRoutes,
};

export async function startGraphServer(world: World, opts: GraphServerOptions = {}): Promise<GraphServer> {
  const state = createState(world, opts);
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    void serve(state, opts, req, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    close: () => closeServer(server),
    setFaults: (faults) => state.faults.set(faults),
    expireToken: (token) => state.expiredTokens.add(token),
    setTokenExpiry: (token, expiresAtMs) => state.tokenExpiry.set(token, expiresAtMs),
    usage: (accountId) => usageSnapshot(state, accountId),
    get requests() {
      return requests;
    },
    sent: state.sent,
  };
}

function createState(world: World, opts: GraphServerOptions): ServerState {
  const index = indexWorld(world);
  const now = opts.now ?? Date.now;
  const b = opts.budgets ?? {};
  const budgets: UsageBudgets = { ...DEFAULT_BUDGETS, ...b, buc: { ...DEFAULT_BUDGETS.buc, ...b.buc } };
  let counter = 0;
  const taken = (id: string) => index.objects.has(id) || index.pages.has(id) || index.accounts.has(id);
  const nextId = () => {
    let id: string;
    do id = String(6_100_000_000_000 + ++counter);
    while (taken(id));
    return id;
  };
  return {
    index,
    now,
    faults: new FaultInjector(opts.faults),
    usage: new UsageTracker(budgets, now),
    expiredTokens: new Set(),
    tokenExpiry: new Map(),
    reportRuns: new Map(),
    subscriptions: new Map(),
    sent: [],
    threads: new ThreadIndex(world),
    pager: new StreamPager(),
    asyncPolls: opts.asyncPolls ?? 3,
    asyncMs: opts.asyncMs ?? 0,
    maxSyncObjectDays: opts.maxSyncObjectDays ?? 20_000,
    nextId,
  };
}

async function serve(state: ServerState, opts: GraphServerOptions, req: IncomingMessage, res: ServerResponse) {
  const fault = state.faults.next();
  if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.kind === 'drop') return void req.socket.destroy();
  let scope: CallScope | undefined;
  try {
    const request = await readRequest(req);
    if ('notFound' in request) throw unknownPath(request.notFound);
    if (fault.kind === 'error') throw transientError(fault.code);
    const auth = authenticate(state, request, opts.appSecret);
    const node = resolveNode(state, request.segments[0]);
    const route: Route = findRoute(ROUTES, request, node);
    const account = 'account' in node ? node.account : node.kind === 'report_run' ? node.run.account : undefined;
    scope = { token: auth.token, buc: route.buc ?? 'ads_management', ...(route.buc && account ? { account } : {}) };
    state.usage.check(scope);
    const ctx: Ctx = { req: request, baseUrl: `http://${req.headers.host ?? 'localhost'}`, auth, state, cpu: 1 };
    let body: unknown;
    try {
      body = await route.handle(ctx, node);
    } finally {
      // errors count too; only calls refused by check() above do not
      state.usage.record(scope, ctx.cpu);
    }
    respond(res, 200, body, state.usage.headers(scope));
  } catch (err) {
    const error = err instanceof GraphError ? err : transientError(1);
    if (!(err instanceof GraphError)) console.error('meta-sim graph: unexpected error', err);
    respond(res, error.status, error.toJSON(), state.usage.headers(scope));
  }
}

function respond(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
  if (res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'facebook-api-version': 'v24.0',
    'x-fb-request-id': Math.random().toString(36).slice(2),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function usageSnapshot(state: ServerState, accountId?: string): Record<string, unknown> {
  const account = accountId ? state.index.accounts.get(accountId) : undefined;
  const headers = state.usage.headers(account ? { token: '', account, buc: 'ads_insights' } : undefined);
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, JSON.parse(v) as unknown]));
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
