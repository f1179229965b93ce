import { bizSdk, sdkApi } from './meta-sdk.js';
import { callGraph, GraphCallError, type GraphCaller } from './graph-call.js';

const { AdAccount, AdReportRun, Page, UnifiedThread, User } = bizSdk;

export type AdLevel = 'campaign' | 'adset' | 'ad';
export type RawObject = Record<string, unknown>;
export type DateRange = { since: string; until: string };

/** Every status, so paused, archived and deleted objects keep arriving and stay queryable. */
export const ALL_STATUSES = [
  'ACTIVE',
  'PAUSED',
  'DELETED',
  'ARCHIVED',
  'CAMPAIGN_PAUSED',
  'ADSET_PAUSED',
  'IN_PROCESS',
  'WITH_ISSUES',
  'PENDING_REVIEW',
  'DISAPPROVED',
  'PREAPPROVED',
  'PENDING_BILLING_INFO',
];
export const OBJECT_FIELDS: Record<AdLevel, string[]> = {
  campaign: ['id', 'name', 'status', 'effective_status', 'objective', 'created_time', 'updated_time'],
  adset: ['id', 'campaign_id', 'name', 'status', 'effective_status', 'created_time', 'updated_time'],
  ad: ['id', 'campaign_id', 'adset_id', 'name', 'status', 'effective_status', 'created_time', 'updated_time'],
};
export const INSIGHT_FIELDS = [
  'account_id',
  'campaign_id',
  'adset_id',
  'ad_id',
  'date_start',
  'date_stop',
  'account_currency',
  'spend',
  'impressions',
  'reach',
  'clicks',
  'actions',
  'cost_per_action_type',
];
const PAGE_SIZE = 1500;
const POLL_START_MS = 250;
const POLL_MAX_MS = 10_000;
const POLL_LIMIT = 200;

type Cursor = RawObject[] & { hasNext(): boolean; next(): Promise<Cursor>; headers?: Record<string, unknown> };
type Sdk = { _data?: RawObject; headers?: Record<string, unknown> } & RawObject;
const headersOf = (r: { headers?: Record<string, unknown> } | null | undefined) => r?.headers;

/**
 * The Marketing API as the sync needs it, through facebook-nodejs-business-sdk: every request
 * goes through the account's rate governor and retry policy (callGraph).
 */
/** The levels Meta gives unique reach at, for a whole range. */
export type ReachLevel = 'account' | 'campaign' | 'adset' | 'ad';

export class MarketingApi {
  private readonly api;

  constructor(
    accessToken: string,
    private readonly caller: GraphCaller,
  ) {
    this.api = sdkApi(accessToken);
  }

  async readAccount(accountId: string): Promise<RawObject> {
    const account = new AdAccount(accountId, {}, undefined, this.api);
    const fields = ['name', 'currency', 'timezone_name', 'account_status', 'business'];
    const read = (await callGraph(
      this.caller,
      accountId,
      () => account.read(fields) as Promise<Sdk>,
      headersOf,
    )) as Sdk;
    return plain(read);
  }

  /** Every campaign, ad set or ad of the account, page by page, following cursors to the end. */
  async *objects(accountId: string, level: AdLevel): AsyncGenerator<RawObject[]> {
    const account = new AdAccount(accountId, {}, undefined, this.api);
    const params = { effective_status: ALL_STATUSES, limit: PAGE_SIZE };
    const edge = { campaign: 'getCampaigns', adset: 'getAdSets', ad: 'getAds' } as const;
    const first = (account[edge[level]] as (f: string[], p: object, fetch: boolean) => Cursor).call(
      account,
      OBJECT_FIELDS[level],
      params,
      false,
    );
    yield* this.pages(accountId, first);
  }

  /** Daily ad-level insights for a short range, synchronously (GET /insights), paged. */
  async *insights(accountId: string, range: DateRange): AsyncGenerator<RawObject[]> {
    const account = new AdAccount(accountId, {}, undefined, this.api);
    const cursor = account.getInsights(INSIGHT_FIELDS, insightParams(range), false) as unknown as Cursor;
    yield* this.pages(accountId, cursor);
  }

  /**
   * Unique reach over a whole range (time_increment all_days), which daily rows cannot give: people
   * seen on several days count once. One row for the account, or one per campaign.
   */
  async *reach(accountId: string, level: ReachLevel, range: DateRange): AsyncGenerator<RawObject[]> {
    const account = new AdAccount(accountId, {}, undefined, this.api);
    const params = {
      level,
      time_increment: 'all_days',
      time_range: range,
      // paused and deleted objects delivered in the range too: ask for every status
      ...(level === 'account'
        ? {}
        : { filtering: [{ field: `${level}.effective_status`, operator: 'IN', value: ALL_STATUSES }] }),
      limit: PAGE_SIZE,
    };
    const fields = [
      'account_id',
      'campaign_id',
      'adset_id',
      'ad_id',
      'reach',
      'impressions',
      'date_start',
      'date_stop',
    ];
    const cursor = account.getInsights(fields, params, false) as unknown as Cursor;
    yield* this.pages(accountId, cursor);
  }

  /** Daily ad-level insights through an async report run: start, poll with backoff, page the result. */
  async *insightsAsync(accountId: string, range: DateRange): AsyncGenerator<RawObject[]> {
    const account = new AdAccount(accountId, {}, undefined, this.api);
    const started = (await callGraph(
      this.caller,
      accountId,
      () => account.getInsightsAsync(INSIGHT_FIELDS, insightParams(range)) as unknown as Promise<Sdk>,
      headersOf,
    )) as Sdk;
    const runId = String(plain(started)['report_run_id'] ?? plain(started)['id']);
    await this.waitForRun(accountId, runId);
    const run = this.reportRun(runId);
    const cursor = run.getInsights(INSIGHT_FIELDS, { limit: PAGE_SIZE }, false) as unknown as Cursor;
    yield* this.pages(accountId, cursor);
  }

  /** Pages the token can manage, with their page access tokens (GET /me/accounts). */
  async *managedPages(): AsyncGenerator<RawObject[]> {
    const me = new User('me', {}, undefined, this.api);
    const cursor = me.getAccounts(
      ['id', 'name', 'username', 'access_token'],
      { limit: 100 },
      false,
    ) as unknown as Cursor;
    yield* this.pages('me', cursor);
  }

  /** A page's Messenger threads, most recently updated first (needs the page's token). */
  async *conversations(pageId: string): AsyncGenerator<RawObject[]> {
    const page = new Page(pageId, {}, undefined, this.api);
    const fields = ['id', 'updated_time', 'participants'];
    const cursor = page.getConversations(fields, { platform: 'messenger', limit: 100 }, false) as unknown as Cursor;
    yield* this.pages(pageId, cursor);
  }

  /** A thread's messages, newest first. */
  async *messages(pageId: string, conversationId: string): AsyncGenerator<RawObject[]> {
    const thread = new UnifiedThread(conversationId, {}, undefined, this.api);
    const fields = ['id', 'created_time', 'from', 'to', 'message'];
    const cursor = thread.getMessages(fields, { limit: 100 }, false) as unknown as Cursor;
    yield* this.pages(pageId, cursor);
  }

  /** AdReportRun's constructor ignores its id and api arguments (it reads data.report_run_id and the default api). */
  private reportRun(runId: string): InstanceType<typeof AdReportRun> {
    const run = new AdReportRun(null, { report_run_id: runId });
    (run as unknown as { _api: unknown })._api = this.api;
    return run;
  }

  private async waitForRun(accountId: string, runId: string): Promise<void> {
    let delay = POLL_START_MS;
    for (let poll = 0; poll < POLL_LIMIT; poll++) {
      const state = plain(
        (await callGraph(
          this.caller,
          accountId,
          // a fresh object per poll: with headers shown, a second read() of one object throws "Cannot redefine property"
          () => this.reportRun(runId).get(['async_status', 'async_percent_completion']) as unknown as Promise<Sdk>,
          headersOf,
        )) as Sdk,
      );
      const status = String(state['async_status']);
      if (status === 'Job Completed') return;
      if (status === 'Job Failed' || status === 'Job Skipped') {
        throw new GraphCallError({ kind: 'transient', message: `Meta's report run ${runId} ended with "${status}"` });
      }
      await this.caller.clock.sleep(delay);
      delay = Math.min(POLL_MAX_MS, delay * 2);
    }
    throw new GraphCallError({ kind: 'transient', message: `Meta's report run ${runId} did not complete in time` });
  }

  private async *pages(accountId: string, cursor: Cursor): AsyncGenerator<RawObject[]> {
    // Graph's rows as they come: the SDK would wrap each in an object with ~200 accessor properties (~50 KB, ~0.2 ms)
    Object.assign(cursor, { _buildObjectsFromResponse: (response: { data: RawObject[] }) => response.data });
    // the first next() loads page one; each later next() follows paging.next, retried as a unit
    await callGraph(
      this.caller,
      accountId,
      () => cursor.next(),
      (c) => c.headers,
    );
    yield cursor.map(plain);
    while (cursor.hasNext()) {
      await callGraph(
        this.caller,
        accountId,
        () => cursor.next(),
        (c) => c.headers,
      );
      yield cursor.map(plain);
    }
  }
}

/** Without an explicit effective_status filter Meta leaves deleted and archived ads out of account insights. */
function insightParams(range: DateRange): Record<string, unknown> {
  return {
    level: 'ad',
    time_increment: 1,
    time_range: range,
    use_unified_attribution_setting: true,
    filtering: [{ field: 'ad.effective_status', operator: 'IN', value: ALL_STATUSES }],
    limit: PAGE_SIZE,
  };
}

/** The SDK wraps each answer in an object; the sync wants Graph's plain fields, without headers. */
function plain(o: Sdk | RawObject): RawObject {
  const data = (typeof (o as Sdk)._data === 'object' && (o as Sdk)._data) || o;
  const { headers: _h, ...rest } = data as RawObject & { headers?: unknown };
  return rest;
}
