/**
 * The contract between webhook parsing, attribution and the api that stores their results.
 * Pure data; times are epoch milliseconds (UTC), as Meta sends them.
 */

/** Where a referral says the person came from. Unknown future sources are kept as they come. */
export type TouchSource = 'ADS' | 'SHORTLINK' | 'CUSTOMER_CHAT_PLUGIN' | (string & {});

export type Referral = {
  source: TouchSource;
  type?: string;
  ref?: string;
  adId?: string;
  adTitle?: string;
  postId?: string;
  refererUri?: string;
};

export type EventKind =
  'message' | 'echo' | 'postback' | 'referral' | 'read' | 'delivery' | 'optin' | 'policy' | 'unknown';

/** One item of `entry[].messaging[]`, validated and normalised. */
export type MessengerEvent = {
  /** Stable identity for deduplication: `mid:<mid>` for messages and echoes, else page+person+timestamp+kind, else a content hash. */
  id: string;
  pageId: string;
  /** The person's page-scoped id (for echoes: the recipient). Absent for policy events and plugin guests. */
  psid?: string;
  /** Chat-plugin visitor before Meta reveals a PSID. */
  userRef?: string;
  time: number;
  kind: EventKind;
  /** Where the referral came from: postback.referral, message.referral or the event-level referral. */
  referral?: Referral;
  mid?: string;
  text?: string;
  /** Postback payload or quick-reply payload. */
  payload?: string;
  /** Reads and deliveries: everything up to this time. */
  watermark?: number;
  /** Deliveries: the messages delivered, when Meta lists them. */
  mids?: string[];
  /** Postbacks: the button's title. */
  title?: string;
  /** Messages: what was attached (image, video, file, ...), with its URL when there is one. */
  attachments?: { type: string; url?: string }[];
  /** Set when the item came in `entry[].standby` (another app had thread control). */
  standby?: true;
  /** Unknown kinds: the item's keys besides sender, recipient and timestamp, to show an admin what it was. */
  unknownKeys?: string[];
  /** Echoes: the app that sent it (absent or the inbox app for a human agent). */
  appId?: string;
  optin?: {
    type?: string;
    token?: string;
    tokenExpiresAt?: number;
    tokenStatus?: string;
    notificationStatus?: string;
    oneTimeToken?: string;
    payload?: string;
    /** Checkbox-plugin opt-ins: the ref the website passed. */
    ref?: string;
  };
  policy?: { action: string; reason?: string };
};

/** The whole POST body parsed: events, and what could not be understood (kept, never dropped). */
export type ParsedDelivery = {
  object: string;
  events: MessengerEvent[];
  /** Messaging items of a shape we do not know, with their page when known. */
  unknown: UnknownItem[];
};

/** A messaging item (or entry) we could not turn into an event; `id` is a content hash, stable across re-sends. */
export type UnknownItem = { id: string; pageId?: string; item: unknown; reason: string };

/** A workspace's rule that turns an inbound event into a conversion. `pattern` is a glob: `*` any run, `?` one character. */
export type ConversionRule =
  { kind: 'payload'; pattern: string; name?: string } | { kind: 'keyword'; keyword: string; name?: string };

/** A way into the thread: a referral, or the first message without one ("organic"). */
export type Touch = {
  eventId: string;
  source: TouchSource | 'ORGANIC';
  time: number;
  ref?: string;
  adId?: string;
  adTitle?: string;
  refererUri?: string;
  /** True for the touch that opened the thread (the contact was new); false for re-engagements. */
  opensThread: boolean;
};

/** One person on one page, derived from all their events. */
export type ContactSummary = {
  pageId: string;
  psid?: string;
  userRefs: string[];
  firstSeenAt: number;
  /** The touch that opened the thread: the new contact's attribution. */
  firstTouch: Touch;
  /** Every touch, first one first; later referrals into the open thread are re-engagements. */
  touches: Touch[];
  inboundMessages: number;
  /** Last thing the person did (message, postback, referral, opt-in): starts Meta's 24-hour window. */
  lastInboundAt?: number;
  /** The page wrote to this person before their first own event (e.g. a private reply to a comment). */
  pageSpokeFirst: boolean;
  /** The page's first message (an echo: its bot or an agent) at or after the person's first own event. */
  firstResponseAt?: number;
};

export type AttributionModel = { kind: 'first_touch' | 'last_touch'; windowMs: number };

/** A conversion to credit: from a rule (postback, quick reply, keyword) or reported by the business. */
export type ConversionInput = { time: number; value?: number; currency?: string };
