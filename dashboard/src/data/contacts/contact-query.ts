import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { ContactRow } from './contacts-query';
import { contactsKeys } from './keys';

export type ContactTouch = { time: string; source: string; ref: string | null; adId: string | null; opensThread: boolean };
export type ContactConversion = {
  time: string;
  event: string;
  value: number | null;
  currency: string | null;
  creditedSource: string | null;
};
export type SendOutcome = { time: string; outcome: string; errorCode: number | null };

/** GET /api/contacts/:id: the contact with its timeline (api/src/openapi/responses/metrics.ts `contactResponse`). */
export type ContactDetail = ContactRow & {
  touches: ContactTouch[];
  conversionsList: ContactConversion[];
  sendOutcomes: SendOutcome[];
};

export const getContact = (id: string) => apiFetch<ContactDetail>(`/api/contacts/${encodeURIComponent(id)}`);

export function useContactQuery(id: string | null) {
  return useQuery({
    queryKey: contactsKeys.detail(id ?? ''),
    queryFn: () => getContact(id!),
    enabled: !!id,
  });
}
