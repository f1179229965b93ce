import { invalidParam, type GraphError } from './errors.js';
import { stringParam, type GraphRequest, type Params } from './request.js';

export type Paging = {
  cursors: { before: string; after: string };
  next?: string;
  previous?: string;
};

export type Page<T> = { data: T[]; paging?: Paging };

/** Where a page starts and how long it is, from `limit`, `after` and `before`. */
export type Window = { offset: number; limit: number };

// Meta's cursors are opaque base64 strings; ours encode the item's position.
export const encodeCursor = (index: number): string => Buffer.from(`c${index}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const index = Number(text.slice(1));
  if (!text.startsWith('c') || !Number.isInteger(index) || index < 0) throw badCursor(cursor);
  return index;
}

const badCursor = (cursor: string): GraphError => invalidParam(`Invalid cursor: ${cursor}`);

export function pageWindow(params: Params, defaultLimit = 25, maxLimit = 5000): Window {
  const raw = stringParam(params, 'limit');
  const limit = raw === undefined ? defaultLimit : Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw invalidParam('Param limit must be a positive integer');
  const after = stringParam(params, 'after');
  const before = stringParam(params, 'before');
  const bounded = Math.min(limit, maxLimit);
  if (after !== undefined) return { offset: decodeCursor(after) + 1, limit: bounded };
  if (before !== undefined) return { offset: Math.max(0, decodeCursor(before) - bounded), limit: bounded };
  return { offset: 0, limit: bounded };
}

/** Builds Graph's `{data, paging}`; `next` is a full URL on our own base, absent on the last page. */
export function page<T>(req: GraphRequest, baseUrl: string, data: T[], win: Window, hasNext: boolean): Page<T> {
  if (data.length === 0) return { data };
  const before = encodeCursor(win.offset);
  const after = encodeCursor(win.offset + data.length - 1);
  const paging: Paging = { cursors: { before, after } };
  if (hasNext) paging.next = link(req, baseUrl, { limit: String(win.limit), after });
  if (win.offset > 0) paging.previous = link(req, baseUrl, { limit: String(win.limit), before });
  return { data, paging };
}

/** Pages an in-memory list. */
export function pageOf<T>(req: GraphRequest, baseUrl: string, items: readonly T[], win: Window): Page<T> {
  const data = items.slice(win.offset, win.offset + win.limit);
  return page(req, baseUrl, data, win, win.offset + win.limit < items.length);
}

function link(req: GraphRequest, baseUrl: string, cursor: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(req.params)) {
    if (key === 'after' || key === 'before' || key === 'limit' || value === undefined) continue;
    query.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  if (req.token && !query.has('access_token')) query.set('access_token', req.token);
  for (const [key, value] of Object.entries(cursor)) query.set(key, value);
  const path = req.segments.map(encodeURIComponent).join('/');
  return `${baseUrl}/${req.version}/${path}?${query.toString()}`;
}
