import type { ContactFilters, Reachability } from '../../data/contacts/contacts-query';
import type { DayRange } from '../../lib/date-range';
import type { Params } from '../../lib/url-state';

/** The referral sources Meta sends and the app records, in the words a row shows. */
const SOURCE_WORDS: Record<string, string> = {
  ADS: 'Ads',
  SHORTLINK: 'm.me link',
  MESSENGER_CODE: 'QR code',
  CUSTOMER_CHAT_PLUGIN: 'Chat plugin',
  DISCOVER_TAB: 'Discover tab',
  ORGANIC: 'Organic (no referral)',
  UNKNOWN: 'Unknown',
};

export const sourceLabel = (id: string) => SOURCE_WORDS[id] ?? id;

/** The sources to filter by: the API counts Messenger (QR) codes as m.me links, as the Ref links page does. */
export const SOURCES: { id: string; label: string }[] = [
  { id: 'ADS', label: 'Ads' },
  { id: 'SHORTLINK', label: 'm.me links and QR codes' },
  { id: 'CUSTOMER_CHAT_PLUGIN', label: 'Chat plugin' },
  { id: 'DISCOVER_TAB', label: 'Discover tab' },
  { id: 'ORGANIC', label: 'Organic (no referral)' },
  { id: 'UNKNOWN', label: 'Unknown' },
];

export const REACHABILITY: { id: Reachability; label: string }[] = [
  { id: 'reachable', label: 'Reachable' },
  { id: 'unreachable', label: 'Unreachable (blocked)' },
  { id: 'unknown', label: 'Not known yet' },
];

// the API's own checks (contacts-query.dto.ts): a value it would refuse is dropped rather than sent
const VALID: Record<'page' | 'source' | 'ref' | 'ad' | 'campaign' | 'q', RegExp> = {
  page: /^\d{1,20}$/,
  source: /^[A-Z_]{2,40}$/,
  ref: /^.{1,250}$/,
  ad: /^[A-Za-z0-9_-]{1,60}$/,
  campaign: /^[A-Za-z0-9_-]{1,60}$/,
  q: /^.{1,100}$/,
};

const pick = (params: URLSearchParams, name: keyof typeof VALID) => {
  const value = params.get(name)?.trim();
  return value && VALID[name].test(value) ? value : undefined;
};

/** The contact filters the URL holds, for the given range. */
export function filtersFromParams(params: URLSearchParams, range: DayRange): ContactFilters {
  const reachability = params.get('reachability');
  const converted = params.get('converted');
  return {
    range,
    page: pick(params, 'page'),
    source: pick(params, 'source'),
    ref: pick(params, 'ref'),
    ad: pick(params, 'ad'),
    campaign: pick(params, 'campaign'),
    reachability: REACHABILITY.some((r) => r.id === reachability) ? (reachability as Reachability) : undefined,
    converted: converted === 'true' || converted === 'false' ? converted : undefined,
    q: pick(params, 'q'),
  };
}

/** The URL parameters that clear every filter but the range (and leave the first page). */
export const NO_FILTERS: Params = {
  page: undefined,
  source: undefined,
  ref: undefined,
  ad: undefined,
  campaign: undefined,
  q: undefined,
  reachability: undefined,
  converted: undefined,
  after: undefined,
};

export const hasFilters = (f: ContactFilters) =>
  !!(f.page || f.source || f.ref || f.ad || f.campaign || f.q || f.reachability || f.converted);

// Keyset paging: the URL keeps the cursors that led to this page, so reload, share and back all work.
// The API's cursors are base64url, which has no '.', so they join with one.
export const cursorsFromParams = (params: URLSearchParams): string[] =>
  (params.get('after') ?? '').split('.').filter((c) => /^[A-Za-z0-9_-]{1,500}$/.test(c));

export const afterParam = (cursors: string[]) => (cursors.length ? cursors.join('.') : undefined);
