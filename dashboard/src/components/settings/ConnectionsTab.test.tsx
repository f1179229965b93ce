import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, never, renderAt } from '../../test/app-harness';

const CONNECTIONS = '/?view=settings&tab=connections';
const META_TOKEN = 'EAAGsystemusertoken0123456789abcd';
const ID = '33333333-3333-4333-8333-333333333333';
const connection = (over: object = {}) => ({
  id: ID,
  origin: 'stored',
  kind: 'system_user',
  tokenLast4: 'abcd',
  metaUserId: '100',
  appId: '200',
  scopes: ['ads_read'],
  expiresAt: null,
  status: 'ok',
  statusDetail: null,
  checkedAt: '2026-11-25T08:00:00Z',
  createdAt: '2026-11-01T08:00:00Z',
  adAccounts: [{ id: 'act_1', name: 'Shop EU', currency: 'EUR', timezone: 'Europe/Berlin', syncStatus: 'ok' }],
  pages: [{ id: '555', name: 'Shop page', username: 'shop' }],
  ...over,
});
const PREVIEW = {
  kind: 'system_user',
  metaUserId: '100',
  appId: '200',
  scopes: ['ads_read', 'pages_messaging'],
  expiresAt: null,
  adAccounts: [
    { id: 'act_1', name: 'Shop EU', currency: 'EUR', timezone: 'Europe/Berlin' },
    { id: 'act_2', name: 'Shop US', currency: 'USD', timezone: 'America/New_York' },
  ],
  pages: [{ id: '555', name: 'Shop page', username: 'shop' }],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings › Meta connections', () => {
  it('says it is loading', async () => {
    mockApi('admin', { 'GET /api/connections': never });
    renderAt(CONNECTIONS);
    expect(await screen.findByText('Loading the Meta connections…')).toBeTruthy();
  });

  it('says when there is none, and when the list fails, with a retry', async () => {
    let fail = true;
    mockApi('admin', {
      'GET /api/connections': () => (fail ? answer(500, { message: 'Internal server error' }) : answer(200, [])),
    });
    renderAt(CONNECTIONS);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the Meta connections: Internal server error');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/No Meta connection yet/)).toBeTruthy();
  });

  it('shows each token’s health and when it was checked; a configured token cannot be disconnected', async () => {
    mockApi('admin', {
      'GET /api/connections': [
        connection(),
        connection({
          id: 'configured',
          origin: 'configured',
          status: 'expiring',
          statusDetail: 'The token expires on 2026-11-28 10:00 UTC: connect again with a new token before then.',
        }),
      ],
    });
    renderAt(CONNECTIONS);
    const [stored, configured] = await screen.findAllByTestId('connection');
    expect(within(stored!).getByTestId('connection-health').textContent).toBe('Token valid');
    expect(stored!.textContent).toContain('…abcd');
    expect(stored!.textContent).toContain('Last checked');
    expect(stored!.textContent).toContain('Shop EU');
    expect(within(stored!).getByRole('button', { name: 'Disconnect token …abcd' })).toBeTruthy();
    expect(within(configured!).getByTestId('connection-health').textContent).toBe('Token expiring');
    expect(configured!.textContent).toContain('META_ACCESS_TOKEN');
    expect(within(configured!).queryByRole('button')).toBeNull();
  });

  it('previews a pasted token, connects only what the admin picked, and never shows the token', async () => {
    let list: object[] = [];
    const calls = mockApi('admin', {
      'GET /api/connections': () => answer(200, list),
      'POST /api/connections/preview': () => answer(200, PREVIEW),
      'POST /api/connections': () => {
        list = [connection()];
        return answer(201, list[0]);
      },
    });
    renderAt(CONNECTIONS);
    const input = await screen.findByLabelText('Meta system-user or page access token');
    expect(input.getAttribute('type')).toBe('password');
    fireEvent.change(input, { target: { value: META_TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview what it can see' }));

    expect((await screen.findByTestId('preview-summary')).textContent).toContain('2 ad account(s) and 1 page(s)');
    expect(screen.getByRole('button', { name: 'Pick at least one to connect' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox', { name: /Shop EU/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Shop page/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect 2 selected' }));

    expect((await screen.findByRole('status')).textContent).toContain('Connected: 1 ad account(s) and 1 page(s)');
    expect(calls).toContainEqual({ method: 'POST', path: '/api/connections/preview', body: { token: META_TOKEN } });
    expect(calls).toContainEqual({
      method: 'POST',
      path: '/api/connections',
      body: { token: META_TOKEN, adAccountIds: ['act_1'], pageIds: ['555'] },
    });
    expect(await screen.findByTestId('connection')).toBeTruthy();
    expect((screen.getByLabelText('Meta system-user or page access token') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain(META_TOKEN);
  });

  it("shows the API's sentence when Meta refuses the token", async () => {
    mockApi('admin', {
      'POST /api/connections/preview': () =>
        answer(400, { message: 'token: Meta refused this token (expired); paste a current one.' }),
    });
    renderAt(CONNECTIONS);
    fireEvent.change(await screen.findByLabelText('Meta system-user or page access token'), {
      target: { value: META_TOKEN },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview what it can see' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'token: Meta refused this token (expired); paste a current one.',
    );
  });

  it('disconnects after confirmation', async () => {
    let list: object[] = [connection()];
    const calls = mockApi('admin', {
      'GET /api/connections': () => answer(200, list),
      [`DELETE /api/connections/${ID}`]: () => {
        const gone = list[0];
        list = [];
        return answer(200, gone);
      },
    });
    renderAt(CONNECTIONS);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect token …abcd' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    expect(await screen.findByText(/No Meta connection yet/)).toBeTruthy();
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1));
  });
});
