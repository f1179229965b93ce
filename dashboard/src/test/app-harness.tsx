import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { App } from '../App';
import type { Me, Role } from '../data/auth/me-query';

export const answer = (status: number, body?: unknown) =>
  body === undefined
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An answer that never comes: the screen stays in its loading state. */
export const never = () => new Promise<Response>(() => {});

export const meAs = (role: Role): Me => ({
  user: { id: '00000000-0000-4000-8000-000000000001', email: 'ana@example.test' },
  workspaces: [{ slug: 'demo', name: 'Demo workspace', role }],
  current: { slug: 'demo', name: 'Demo workspace', role },
});

export const NO_ALERTS = {
  generatedAt: '2026-11-25T09:00:00.000Z',
  blockRateRange: { from: '2026-11-19', to: '2026-11-25' },
  blockRate: { threshold: 0.05, minContacts: 30 },
  alerts: [],
  freshness: { pages: [], adAccounts: [] },
};

export type Call = { method: string; path: string; body: unknown };
type Handler = (call: Call) => Response | Promise<Response>;

/**
 * The API as the dashboard sees it, at the fetch level: `routes` maps "GET /api/tokens" to a handler or
 * a JSON body; the signed-in user has `role`; anything not listed answers 404. Returns every call made.
 */
export function mockApi(role: Role, routes: Record<string, Handler | object> = {}): Call[] {
  const calls: Call[] = [];
  const defaults: Record<string, Handler | object> = {
    'GET /api/auth/me': meAs(role),
    'GET /api/demo': { enabled: false },
    'GET /api/health': { status: 'ok', db: 'ok', version: '1.2.3' },
    'GET /api/sync/accounts': [],
    'GET /api/sync/runs?limit=8': [],
    'GET /api/connections': [],
    'GET /api/alerts': NO_ALERTS,
  };
  const all = { ...defaults, ...routes };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = {
        method: init?.method ?? 'GET',
        path: String(input),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      const route = all[`${call.method} ${call.path}`];
      if (route === undefined) return answer(404, { message: `no mock for ${call.method} ${call.path}` });
      return typeof route === 'function' ? (route as Handler)(call) : answer(200, route);
    }),
  );
  return calls;
}

/** The whole app at a URL (e.g. "/?view=settings&tab=tokens"), with a fresh query cache that does not retry. */
export function renderAt(url: string) {
  window.history.replaceState(null, '', url);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}
