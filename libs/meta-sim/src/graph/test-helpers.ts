import type { GraphServer } from './server.js';

export type GraphReply = { status: number; body: Record<string, unknown>; headers: Headers };

/** One Graph call as the SDK makes it: GET params in the query string, POST params as a JSON body. */
export async function graph(
  server: Pick<GraphServer, 'url'>,
  path: string,
  params: Record<string, unknown> = {},
  method: 'GET' | 'POST' | 'DELETE' = 'GET',
): Promise<GraphReply> {
  const url = new URL(`${server.url}/v24.0/${path}`);
  if (method === 'GET')
    for (const [k, v] of Object.entries(params))
      url.searchParams.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  const init: RequestInit = { method };
  if (method !== 'GET') init.body = JSON.stringify(params);
  if (method !== 'GET') init.headers = { 'content-type': 'application/json' };
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Follows `paging.next` to the end, as a client must: returns every row and the number of pages. */
export async function followPages(first: GraphReply): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let reply = first;
  let pages = 0;
  for (;;) {
    if (reply.status !== 200) throw new Error(`page ${pages} failed: ${JSON.stringify(reply.body)}`);
    pages++;
    rows.push(...((reply.body['data'] as Record<string, unknown>[]) ?? []));
    const next = (reply.body['paging'] as { next?: string } | undefined)?.next;
    if (!next) return { rows, pages };
    const res = await fetch(next);
    reply = { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  }
}

export const errorOf = (reply: GraphReply) => reply.body['error'] as Record<string, unknown>;
