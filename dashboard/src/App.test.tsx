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

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('App (service status)', () => {
  it('shows the status the API reports', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { status: 'ok', db: 'ok', version: '1.2.3' })),
    );
    renderApp();
    expect(await screen.findByText('1.2.3')).toBeTruthy();
    expect(screen.getByTestId('db-status').textContent).toBe('ok');
  });

  it('shows a database that is down (503) as data, not as an error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(503, { status: 'unavailable', db: 'down', version: '1.2.3' })),
    );
    renderApp();
    expect((await screen.findByTestId('db-status')).textContent).toBe('down');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when the API does not answer, and retries on request', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(answer(200, { status: 'ok', db: 'ok', version: '1.2.3' }));
    vi.stubGlobal('fetch', fetchMock);
    renderApp();
    expect((await screen.findByRole('alert')).textContent).toContain('The API did not answer: Failed to fetch');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1.2.3')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
