import { hrefWith, navigate } from './url-state';

/**
 * The filters a page can take from the URL, as the API names them. Ad account narrows Meta's
 * figures and the contacts its ads opened; page and source narrow contacts only (the API then
 * leaves spend out: Meta reports it per ad, not per page or source).
 */
export const FILTER_NAMES = ['account', 'page', 'source'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Partial<Record<FilterName, string>>;

const VALID: Record<FilterName, RegExp> = {
  account: /^act_\d{1,30}$/,
  page: /^\d{1,20}$/,
  source: /^[A-Z_]{2,40}$/,
};

/** The sources a contact can arrive from, in the words of the filter. */
export const SOURCES = [
  { id: 'ADS', label: 'Ads' },
  { id: 'SHORTLINK', label: 'm.me links and QR codes' },
  { id: 'CUSTOMER_CHAT_PLUGIN', label: 'Chat plugin' },
  { id: 'ORGANIC', label: 'No referral (organic)' },
] as const;

/** The URL's filters among `names`; a malformed value is ignored rather than sent to the API. */
export function filtersFromParams(params: URLSearchParams, names: readonly FilterName[] = FILTER_NAMES): Filters {
  const filters: Filters = {};
  for (const name of names) {
    const value = params.get(name);
    if (value && VALID[name].test(value)) filters[name] = value;
  }
  return filters;
}

/** The filters as query-string pairs, in a stable order (for API paths and query keys). */
export const filterEntries = (filters: Filters): [FilterName, string][] =>
  FILTER_NAMES.flatMap((name) => (filters[name] ? [[name, filters[name]] as [FilterName, string]] : []));

/** Adds the filters to an API path's parameters. */
export function addFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  for (const [name, value] of filterEntries(filters)) params.set(name, value);
  return params;
}

/** A key part that changes exactly when the filters do. */
export const filtersKey = (filters: Filters) =>
  filterEntries(filters)
    .map(([n, v]) => `${n}=${v}`)
    .join('&');

/** Sets one filter in the URL (empty removes it). */
export const setFilter = (name: FilterName, value: string) => navigate(hrefWith({ [name]: value || undefined }));

/** Money figures apply only when no filter slices contacts by page or a source other than ads. */
export const moneyApplies = (filters: Filters) => !filters.page && (!filters.source || filters.source === 'ADS');
