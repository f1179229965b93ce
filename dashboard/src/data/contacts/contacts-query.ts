import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { contactsKeys } from './keys';

export type Reachability = 'unknown' | 'reachable' | 'unreachable';

/** One row of GET /api/contacts (api/src/openapi/responses/metrics.ts `contactRow`). */
export type ContactRow = {
  /** opaque: for GET /api/contacts/:id */
  id: string;
  pageId: string;
  psid: string | null;
  firstSeenAt: string;
  source: string;
  ref: string | null;
  adId: string | null;
  campaignId: string | null;
  inboundMessages: number;
  lastInboundAt: string | null;
  reachability: Reachability | (string & {});
  unreachableAt: string | null;
  conversions: number;
};

export type ContactPage = { rows: ContactRow[]; nextCursor: string | null };

/** The filters GET /api/contacts takes (api/src/metrics/dto/contacts-query.dto.ts), all on the opening touch or state. */
export type ContactFilters = {
  range: DayRange;
  page?: string;
  source?: string;
  ref?: string;
  ad?: string;
  campaign?: string;
  reachability?: Reachability;
  converted?: 'true' | 'false';
  /** search: the start of a PSID, or part of a ref */
  q?: string;
};

/** Contacts per request: the API's default. */
export const CONTACTS_PAGE_SIZE = 50;

export function contactsPath(filters: ContactFilters, cursor: string | null, limit = CONTACTS_PAGE_SIZE): string {
  const { range, ...rest } = filters;
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const [name, value] of Object.entries(rest)) if (value) params.set(name, value);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return `/api/contacts?${params.toString()}`;
}

export const getContacts = (filters: ContactFilters, cursor: string | null) =>
  apiFetch<ContactPage>(contactsPath(filters, cursor));

/** One page of contacts, newest first; the previous page stays on screen while filters or the page change. */
export function useContactsQuery(filters: ContactFilters, cursor: string | null) {
  return useQuery({
    queryKey: contactsKeys.list(filters, cursor),
    queryFn: () => getContacts(filters, cursor),
    placeholderData: keepPreviousData,
  });
}
