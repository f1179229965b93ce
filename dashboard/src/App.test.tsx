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

/** Answers /api/health with `health` and /api/demo with `demo`. */
function api(health: () => Promise<Response>, demo: unknown = { enabled: false }) {
  return vi.fn(async (input: RequestInfo | URL) => (String(input) === '/api/demo' ? answer(200, demo) : health()));
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
});
