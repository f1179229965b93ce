import type { SimAdAccount, SimPage } from '../types.js';
import type { FaultInjector } from './faults.js';
import type { GraphRequest } from './request.js';
import type { Row } from './insights-rows.js';
import type { StreamPager } from './stream-pager.js';
import type { ThreadIndex } from './threads.js';
import type { BucType, CallScope, UsageTracker } from './usage.js';
import type { AdObject, WorldIndex } from './world-index.js';

export type Auth = { kind: 'system'; token: string } | { kind: 'page'; token: string; page: SimPage };

/** An async insights job (AdReportRun), polled until it completes. */
export type ReportRun = {
  id: string;
  account: SimAdAccount;
  /** The node the job was created on: the account, or a campaign / ad set / ad id. */
  nodeId: string;
  params: Record<string, unknown>;
  createdAt: number;
  polls: number;
  fails: boolean;
};

/** The node a path starts with, resolved once so routes can be keyed by node kind. */
export type GraphNode =
  | { kind: 'me' }
  | { kind: 'debug_token' }
  | { kind: 'account'; account: SimAdAccount }
  | (AdObject & { account: SimAdAccount })
  | { kind: 'page'; page: SimPage }
  | { kind: 'conversation'; id: string; page: SimPage; psid: string }
  | { kind: 'report_run'; run: ReportRun };

export type SentMessage = { pageId: string; recipientId: string; messageId: string; at: number; body: unknown };

/** Everything the server keeps between calls. */
export type ServerState = {
  index: WorldIndex;
  now: () => number;
  faults: FaultInjector;
  usage: UsageTracker;
  expiredTokens: Set<string>;
  /** When a token stops working (epoch ms), as debug_token reports it; absent: never (system users). */
  tokenExpiry: Map<string, number>;
  reportRuns: Map<string, ReportRun>;
  subscriptions: Map<string, string[]>;
  sent: SentMessage[];
  threads: ThreadIndex;
  /** Insights result streams, continued page after page. */
  pager: StreamPager<Row>;
  /** Async jobs complete after this many polls and this much time (ms). */
  asyncPolls: number;
  asyncMs: number;
  /** Synchronous insights asking for more than this many object-days fail with 1487534. */
  maxSyncObjectDays: number;
  nextId: () => string;
};

/** One call being served. */
export type Ctx = {
  req: GraphRequest;
  baseUrl: string;
  auth: Auth;
  state: ServerState;
  /** Set by heavy handlers (insights) so usage rises faster for them, as Meta's CPU time does. */
  cpu: number;
};

export type Handler<N extends GraphNode = GraphNode> = (ctx: Ctx, node: N) => unknown;

export type Route = { handle: Handler; buc?: BucType };

export type { CallScope };

/** A handler for some node kinds only; the router guarantees the kind, this narrows the type. */
export function forKind<K extends GraphNode['kind']>(
  kinds: K[],
  fn: (ctx: Ctx, node: Extract<GraphNode, { kind: K }>) => unknown,
): Handler {
  return (ctx, node) => {
    if (!(kinds as string[]).includes(node.kind)) throw new Error(`route for ${kinds.join('/')} got ${node.kind}`);
    return fn(ctx, node as Extract<GraphNode, { kind: K }>);
  };
}
