/**
 * The contract between the simulated world (world/) and what serves it (graph/, webhooks/).
 * Everything is plain data in Graph's own vocabulary, so servers map it to JSON 1:1.
 */

export type WorldSize = 'tiny' | 'small' | 'medium' | 'large';

export type WorldOptions = {
  seed: number;
  size: WorldSize;
  /** Last simulated day (YYYY-MM-DD, UTC). Defaults to today; tests pass a fixed date for determinism. */
  endDate?: string;
};

export type Status = 'ACTIVE' | 'PAUSED' | 'DELETED' | 'ARCHIVED';

/** A change of name or status at a time: the history of an object (renamed, paused...). */
export type ObjectChange = { at: string; name?: string; status?: Status };

export type SimAdAccount = {
  /** Graph id, `act_<account_id>`. */
  id: string;
  accountId: string;
  businessId: string;
  name: string;
  currency: string;
  timezoneName: string;
  /** 1 = ACTIVE, 2 = DISABLED ... as Graph reports it. */
  accountStatus: number;
  /** Development-tier accounts get far smaller rate-limit budgets. */
  tier: 'development' | 'standard';
};

export type SimCampaign = {
  id: string;
  accountId: string;
  name: string;
  objective: string;
  status: Status;
  effectiveStatus: string;
  createdTime: string;
  updatedTime: string;
  history: ObjectChange[];
};

export type SimAdSet = SimCampaign & { campaignId: string };
export type SimAd = SimAdSet & { adsetId: string; pageId: string; adTitle: string };

export type SimPage = {
  id: string;
  name: string;
  username: string;
  /** Page access token the world accepts for page-scoped calls. */
  accessToken: string;
};

export type RefLinkKind = 'link' | 'qr' | 'plugin';
export type SimRefLink = { pageId: string; ref: string; kind: RefLinkKind; label: string };

/** Graph's `actions` / `cost_per_action_type` entries. */
export type ActionValue = { action_type: string; value: string };

/** One ad, one day, as Graph's insights answer it (dates in the account's time zone). */
export type SimInsightRow = {
  account_id: string;
  campaign_id: string;
  adset_id: string;
  ad_id: string;
  date_start: string;
  date_stop: string;
  account_currency: string;
  spend: string;
  impressions: string;
  reach: string;
  clicks: string;
  actions?: ActionValue[];
  cost_per_action_type?: ActionValue[];
};

/** One Messenger webhook event, exactly as it appears in `entry[].messaging[]`. */
export type MessagingEvent = Record<string, unknown> & {
  /** Absent on messaging_policy_enforcement, which Meta sends with a recipient only. */
  sender?: { id?: string; user_ref?: string };
  recipient: { id: string };
  timestamp: number;
};

/** An event of the world's timeline: which page it belongs to and its webhook form. */
export type WorldEvent = { pageId: string; time: number; event: MessagingEvent };

export type TouchSource = 'ADS' | 'SHORTLINK' | 'CUSTOMER_CHAT_PLUGIN' | 'COMMENT' | 'ORGANIC';

/** Ground truth for one person, to score attribution exactly. */
export type PersonTruth = {
  pageId: string;
  psid: string;
  userRef?: string;
  /** Every way the person reached the thread, first one first. */
  touches: {
    source: TouchSource;
    adId?: string;
    ref?: string;
    at: number;
    isNew: boolean;
    /** False when the webhook payload carried no referral for this touch (Meta still counts it). */
    hasReferral?: boolean;
  }[];
  conversions: { at: number; value?: number; currency?: string; kind: 'purchase' | 'lead' }[];
  blockedAt?: number;
  /** A chat-plugin visitor who never continued in Messenger: events carry only `userRef`, never the PSID. */
  guest?: boolean;
};

/** What the Send API needs to know about a person at an instant (blocked, 24-hour window). */
export type PersonState = {
  /** False when the PSID is not a person of this page (yet) at that time. */
  known: boolean;
  blocked: boolean;
  blockedAt?: number;
  /** Last message, postback, opt-in or referral the person sent at or before the instant. */
  lastInboundAt?: number;
};

export type InsightsQuery = {
  accountId: string;
  level: 'account' | 'campaign' | 'adset' | 'ad';
  since: string;
  until: string;
  /** 1 = daily rows; 'all_days' = one row for the range. */
  timeIncrement: 1 | 'all_days';
  /** Restatement: a pull on a later day may see slightly different figures for the last 28 days. */
  pulledAt?: Date;
};

export type World = {
  readonly options: Required<WorldOptions>;
  readonly accounts: SimAdAccount[];
  readonly pages: SimPage[];
  readonly refLinks: SimRefLink[];
  /** A system-user token that sees every account and page. */
  readonly systemUserToken: string;
  campaigns(accountId: string): Iterable<SimCampaign>;
  adsets(accountId: string): Iterable<SimAdSet>;
  ads(accountId: string): Iterable<SimAd>;
  /** Streams insight rows; never builds the whole table in memory. */
  insights(query: InsightsQuery): Iterable<SimInsightRow>;
  /** Streams webhook events in time order for [from, to) (epoch ms). */
  events(from: number, to: number): Iterable<WorldEvent>;
  /** Streams the ground truth, one person at a time. */
  truth(): Iterable<PersonTruth>;
  /** The world's Messenger app id (echoes of the page's automated replies carry it as `app_id`). */
  readonly appId: string;
  /** A person's state at an instant, for the Send API: blocked? last inbound message? */
  personState(pageId: string, psid: string, at: number): PersonState;
};
