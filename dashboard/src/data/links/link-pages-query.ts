import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { linksKeys } from './keys';

/** A page of the workspace a link can open (GET /api/links/pages). */
export type LinkPage = { id: string; name: string | null; username: string | null; url: string };

export const getLinkPages = () => apiFetch<LinkPage[]>('/api/links/pages');

export function useLinkPagesQuery() {
  return useQuery({ queryKey: linksKeys.pages(), queryFn: getLinkPages });
}

/** A page as people know it: its name, else its id. */
export const pageTitle = (page: { id: string; name: string | null }) => page.name ?? `Page ${page.id}`;
