import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { linksKeys } from './keys';

/** A registered link as GET /api/links gives it (api/src/openapi/responses/links.ts `linksResponse`). */
export type RefLink = {
  id: string;
  pageId: string;
  pageName: string | null;
  ref: string;
  label: string;
  campaignTag: string | null;
  note: string | null;
  /** the m.me link to hand out */
  url: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
};

export const getLinks = () => apiFetch<RefLink[]>('/api/links');

export function useLinksQuery() {
  return useQuery({ queryKey: linksKeys.list(), queryFn: getLinks });
}

/** Where a link's QR code downloads from (an attachment; an <img> shows it as well). */
export const qrPath = (id: string, format: 'png' | 'svg') => `/api/links/${encodeURIComponent(id)}/qr.${format}`;
