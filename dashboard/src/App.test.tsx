import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Answers /api/health with `health`, /api/demo with `demo`, and the sync endpoints with `sync`. */
function api(
  health: () => Promise<Response>,
  demo: unknown = { enabled: false },
  sync: { accounts: unknown[]; runs: unknown[] } = { accounts: [], runs: [] },
) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const path = String(input);
    if (path === '/api/demo') return answer(200, demo);
    if (path === '/api/sync/accounts') return answer(200, sync.accounts);
    if (path.startsWith('/api/sync/runs')) return answer(200, sync.runs);
    return health();
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('App (service status)', () => {
  it('shows the status the API reports', async () => {
    vi.stubGlobal(
      'fetch',
      api(async () => answer(200, { status: 'ok', db: 'ok', version: '1.2.3' })),
    );
    renderApp();
    expect(await screen.findByText('1.2.3')).toBeTruthy();
    expect(screen.getByTestId('db-status').textContent).toBe('ok');
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('says plainly when the data is the demo simulator', async () => {
    const demo = {
      enabled: true,
      workspace: 'demo',
      world: { seed: 7, size: 'medium', endDate: '2026-11-25' },
      note: 'Simulated, not Meta.',
    };
    vi.stubGlobal(
      'fetch',
      api(async () => answer(200, { status: 'ok', db: 'ok', version: '1.2.3' }), demo),
    );
    renderApp();
    expect((await screen.findByTestId('demo-banner')).textContent).toBe('Demo workspace. Simulated, not Meta.');
  });

  it('shows a database that is down (503) as data, not as an error', async () => {
    vi.stubGlobal(
      'fetch',
      api(async () => answer(503, { status: 'unavailable', db: 'down', version: '1.2.3' })),
    );
    renderApp();
    expect((await screen.findByTestId('db-status')).textContent).toBe('down');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when the API does not answer, and retries on request', async () => {
    const health = vi
      .fn<() => Promise<Response>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(answer(200, { status: 'ok', db: 'ok', version: '1.2.3' }));
    vi.stubGlobal('fetch', api(health));
    renderApp();
    expect((await screen.findByRole('alert')).textContent).toContain('The API did not answer: Failed to fetch');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1.2.3')).toBeTruthy();
    expect(health).toHaveBeenCalledTimes(2);
  });

  it("shows each ad account's connection and the latest runs, and says when Meta refused a token", async () => {
    const accounts = [
      {
        workspaceId: 'w',
        id: 'act_1',
        name: 'Shop EU',
        currency: 'EUR',
        timezoneName: 'Europe/Berlin',
        connectionStatus: 'ok',
        connectionError: null,
        structureSyncedAt: null,
        insightsSyncedAt: '2026-11-25T10:00:00Z',
      },
      {
        workspaceId: 'w',
        id: 'act_2',
        name: 'Shop US',
        currency: 'USD',
        timezoneName: 'America/New_York',
        connectionStatus: 'token_invalid',
        connectionError: 'Meta refused the access token. Reconnect the ad account.',
        structureSyncedAt: null,
        insightsSyncedAt: null,
      },
    ];
    const runs = [
      {
        id: 'r1',
        accountId: 'act_1',
        kind: 'backfill',
        since: '2026-05-30',
        until: '2026-11-25',
        status: 'running',
        requests: 40,
        rowsWritten: 1200,
        daysTotal: 180,
        daysDone: 90,
        error: null,
        createdAt: '2026-11-25T10:00:00Z',
        finishedAt: null,
      },
    ];
    vi.stubGlobal(
      'fetch',
      api(async () => answer(200, { status: 'ok', db: 'ok', version: '1.2.3' }), undefined, { accounts, runs }),
    );
    renderApp();
    expect(await screen.findAllByTestId('account-row')).toHaveLength(2);
    expect(screen.getByRole('alert').textContent).toBe('Meta refused the access token. Reconnect the ad account.');
    expect((await screen.findByTestId('run')).textContent).toContain('running, 90/180 days, 1,200 rows, 40 requests');
  });
});
