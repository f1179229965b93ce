import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, renderAt } from '../../test/app-harness';

const expiring = {
  id: '33333333-3333-4333-8333-333333333333',
  origin: 'stored',
  kind: 'system_user',
  tokenLast4: 'abcd',
  metaUserId: null,
  appId: null,
  scopes: [],
  expiresAt: '2026-11-28T10:00:00Z',
  status: 'expiring',
  statusDetail: 'The token expires on 2026-11-28 10:00 UTC: connect again with a new token before then.',
  checkedAt: '2026-11-25T08:00:00Z',
  createdAt: '2026-11-01T08:00:00Z',
  adAccounts: [],
  pages: [],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tabNames = () =>
  within(screen.getByRole('navigation', { name: 'Settings sections' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('Settings by role', () => {
  it('gives an owner every tab, the audit log included', async () => {
    mockApi('owner', { 'GET /api/connections': [] });
    renderAt('/?view=settings');
    await screen.findByRole('heading', { name: 'Settings' });
    expect(tabNames()).toEqual(['Meta connections', 'API tokens', 'Members', 'Audit log']);
    expect(screen.getByRole('link', { name: 'Meta connections' }).getAttribute('aria-current')).toBe('page');
  });

  it('gives an admin connections, tokens and members, and says the audit log is for owners', async () => {
    const calls = mockApi('admin');
    renderAt('/?view=settings&tab=audit');
    await screen.findByRole('heading', { name: 'Settings' });
    expect(tabNames()).toEqual(['Meta connections', 'API tokens', 'Members']);
    expect(screen.getByRole('note').textContent).toBe(
      'The audit log is for owners of this workspace; your role is admin.',
    );
    expect(calls.some((c) => c.path.startsWith('/api/audit'))).toBe(false);
  });

  it('shows analysts and viewers no Settings link, and says why if they open its URL', async () => {
    for (const role of ['analyst', 'viewer'] as const) {
      const calls = mockApi(role);
      renderAt('/?view=settings&tab=tokens');
      expect((await screen.findByRole('note')).textContent).toContain(`your role is ${role}`);
      expect(screen.queryByRole('link', { name: 'Settings' })).toBeNull();
      expect(calls.some((c) => c.path === '/api/tokens')).toBe(false);
      // viewers may not read the connections (403): the dashboard does not ask
      expect(calls.some((c) => c.path === '/api/connections')).toBe(role === 'analyst');
      cleanup();
    }
  });

  it('navigates from home to Settings and back, with the view in the URL', async () => {
    mockApi('admin', { 'GET /api/connections': [] });
    renderAt('/');
    fireEvent.click(await screen.findByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { name: 'Meta connections' })).toBeTruthy();
    expect(window.location.search).toBe('?view=settings');
    fireEvent.click(screen.getByRole('link', { name: 'API tokens' }));
    expect(window.location.search).toBe('?view=settings&tab=tokens');
    fireEvent.click(screen.getByRole('link', { name: 'Home' }));
    expect(await screen.findByRole('heading', { name: 'Service status' })).toBeTruthy();
    expect(window.location.search).toBe('');
  });
});

describe('the Meta token warning', () => {
  it('shows an expiring token on every page, with a link to the connections for an admin', async () => {
    mockApi('admin', { 'GET /api/connections': [expiring], 'GET /api/tokens': [] });
    renderAt('/?view=settings&tab=tokens');
    const warning = await screen.findByTestId('connection-warning');
    expect(warning.textContent).toContain('Token expiring (…abcd).');
    expect(warning.textContent).toContain('connect again with a new token before then');
    fireEvent.click(screen.getByRole('link', { name: 'Home' }));
    await screen.findByRole('heading', { name: 'Service status' });
    fireEvent.click(within(screen.getByTestId('connection-warning')).getByRole('link'));
    expect(window.location.search).toBe('?view=settings&tab=connections');
    expect(await screen.findByTestId('connection')).toBeTruthy();
  });

  it('tells an analyst to ask an admin, and shows nothing while every token is valid', async () => {
    mockApi('analyst', { 'GET /api/connections': [{ ...expiring, status: 'invalid', statusDetail: null }] });
    renderAt('/');
    const warning = await screen.findByTestId('connection-warning');
    expect(warning.textContent).toContain('Token invalid (…abcd). Syncs stopped.');
    expect(warning.textContent).toContain('Ask an admin of this workspace to connect it again.');
    expect(within(warning).queryByRole('link')).toBeNull();
    cleanup();

    const answered = vi.fn();
    mockApi('admin', {
      'GET /api/connections': () => {
        answered();
        return answer(200, [{ ...expiring, status: 'ok' }]);
      },
    });
    renderAt('/');
    await screen.findByRole('heading', { name: 'Service status' });
    await waitFor(() => expect(answered).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('connection-warning')).toBeNull();
  });
});
