import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { NO_ALERTS } from './test/app-harness';

/** The app on its Status view, which these tests are about (the Overview has its own tests). */
function renderApp() {
  window.history.replaceState(null, '', '/?view=status');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ME = {
  user: { id: 'u1', email: 'ana@example.test' },
  workspaces: [{ slug: 'demo', name: 'Demo workspace', role: 'analyst' }],
  current: { slug: 'demo', name: 'Demo workspace', role: 'analyst' },
};

/** Answers /api/health with `health`, /api/demo with `demo`, and the sync endpoints with `sync`, to a signed-in user. */
function api(
  health: () => Promise<Response>,
  demo: unknown = { enabled: false },
  sync: { accounts: unknown[]; runs: unknown[] } = { accounts: [], runs: [] },
) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const path = String(input);
    if (path === '/api/auth/me') return answer(200, ME);
    if (path === '/api/demo') return answer(200, demo);
    if (path === '/api/sync/accounts') return answer(200, sync.accounts);
    if (path.startsWith('/api/sync/runs')) return answer(200, sync.runs);
    if (path === '/api/connections') return answer(200, []);
    if (path === '/api/alerts') return answer(200, NO_ALERTS);
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
    expect(screen.getByTestId('current-workspace').textContent).toBe('Demo workspace (analyst)');
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

describe('App (sign-in)', () => {
  /** An installation where nobody is signed in; `firstRunNeeded` says whether it has any user. */
  function signedOut(firstRunNeeded: boolean, { expiring = false } = {}) {
    let signedIn = expiring;
    const calls: { path: string; body?: unknown }[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input);
      calls.push({ path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (path === '/api/auth/me') return signedIn ? answer(200, ME) : answer(401, { message: 'Sign in.' });
      if (path === '/api/auth/first-run' && !init?.method)
        return answer(200, { needed: firstRunNeeded, workspace: 'demo' });
      if (path === '/api/auth/first-run' || path === '/api/auth/login') {
        const body = JSON.parse(String(init!.body)) as { password: string };
        if (body.password !== 'right password') return answer(401, { message: 'Email or password is incorrect.' });
        signedIn = true;
        return answer(200, { signedIn: true });
      }
      if (path === '/api/auth/logout') {
        signedIn = false;
        return new Response(null, { status: 204 });
      }
      if (path === '/api/health') return answer(200, { status: 'ok', db: 'ok', version: '1.2.3' });
      if (path === '/api/demo') return answer(200, { enabled: false });
      if (expiring) {
        // the session ends while the dashboard is open
        signedIn = false;
        return answer(401, { message: 'Your session has expired or ended: sign in again.' });
      }
      return answer(200, []);
    });
    vi.stubGlobal('fetch', fetchMock);
    return calls;
  }
  const fill = (email: string, password: string) => {
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  };

  it('asks a fresh installation for its first owner, then shows the dashboard', async () => {
    const calls = signedOut(true);
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Create the first owner' })).toBeTruthy();
    fill('ana@example.test', 'right password');
    fireEvent.click(screen.getByRole('button', { name: 'Create owner and sign in' }));
    expect((await screen.findByTestId('current-user')).textContent).toBe('ana@example.test');
    expect(calls).toContainEqual({
      path: '/api/auth/first-run',
      body: { email: 'ana@example.test', password: 'right password' },
    });
  });

  it("signs in, says the API's sentence when refused, and signs out", async () => {
    signedOut(false);
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Sign in to ctm-analytics' })).toBeTruthy();
    fill('ana@example.test', 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is incorrect.');
    fill('ana@example.test', 'right password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByTestId('current-workspace')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to ctm-analytics' })).toBeTruthy();
  });

  it('goes back to sign-in when an API call answers 401', async () => {
    signedOut(false, { expiring: true });
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Sign in to ctm-analytics' })).toBeTruthy();
  });

  it("switches to another of the user's workspaces", async () => {
    const two = {
      ...ME,
      workspaces: [
        { slug: 'demo', name: 'Demo workspace', role: 'analyst' },
        { slug: 'acme', name: 'Acme', role: 'viewer' },
      ],
    };
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input);
      if (path === '/api/auth/me') return answer(200, two);
      if (path === '/api/auth/workspace') {
        expect(JSON.parse(String(init!.body))).toEqual({ workspace: 'acme' });
        return answer(200, { ...two, current: { slug: 'acme', name: 'Acme', role: 'viewer' } });
      }
      if (path === '/api/health') return answer(200, { status: 'ok', db: 'ok', version: '1.2.3' });
      if (path === '/api/demo') return answer(200, { enabled: false });
      if (path === '/api/alerts') return answer(200, NO_ALERTS);
      return answer(200, []);
    });
    vi.stubGlobal('fetch', fetchMock);
    renderApp();
    fireEvent.change(await screen.findByLabelText('Workspace'), { target: { value: 'acme' } });
    expect(await screen.findByText('Acme (viewer)', { selector: '[data-testid="current-workspace"]' })).toBeTruthy();
  });
});
