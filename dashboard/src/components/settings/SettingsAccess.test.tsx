import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, NO_ALERTS, renderAt } from '../../test/app-harness';

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
    expect(tabNames()).toEqual([
      'Meta connections',
      'API tokens',
      'Members',
      'Conversion rules',
      'Workspace',
      'Audit log',
    ]);
    expect(screen.getByRole('link', { name: 'Meta connections' }).getAttribute('aria-current')).toBe('page');
  });

  it('gives an admin connections, tokens, members, rules and the workspace, and says the audit log is for owners', async () => {
    const calls = mockApi('admin');
    renderAt('/?view=settings&tab=audit');
    await screen.findByRole('heading', { name: 'Settings' });
    expect(tabNames()).toEqual(['Meta connections', 'API tokens', 'Members', 'Conversion rules', 'Workspace']);
    expect(screen.getByRole('note').textContent).toBe(
      'The audit log is for owners of this workspace; your role is admin.',
    );
    expect(calls.some((c) => c.path.startsWith('/api/audit'))).toBe(false);
  });

  it('gives analysts and viewers the rules and the workspace to read, and says why tokens are not theirs', async () => {
    for (const role of ['analyst', 'viewer'] as const) {
      const calls = mockApi(role);
      renderAt('/?view=settings&tab=tokens');
      expect((await screen.findByRole('note')).textContent).toBe(
        `The API tokens is for admins of this workspace; your role is ${role}.`,
      );
      expect(tabNames()).toEqual(['Conversion rules', 'Workspace']);
      expect(screen.getByRole('link', { name: 'Settings' })).toBeTruthy();
      expect(calls.some((c) => c.path === '/api/tokens')).toBe(false);
      // the token warning comes from the alerts, which every role reads: no call for the connections
      expect(calls.some((c) => c.path === '/api/connections')).toBe(false);
      expect(calls.some((c) => c.path === '/api/alerts')).toBe(true);
      cleanup();
    }
  });

  it('navigates from the Overview to Settings, Status and back, with the view in the URL', async () => {
    mockApi('admin', { 'GET /api/connections': [] });
    renderAt('/');
    fireEvent.click(await screen.findByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { name: 'Meta connections' })).toBeTruthy();
    expect(window.location.search).toBe('?view=settings');
    fireEvent.click(screen.getByRole('link', { name: 'API tokens' }));
    expect(window.location.search).toBe('?view=settings&tab=tokens');
    fireEvent.click(screen.getByRole('link', { name: 'Status' }));
    expect(await screen.findByRole('heading', { name: 'Service status' })).toBeTruthy();
    expect(window.location.search).toBe('?view=status');
    fireEvent.click(screen.getByRole('link', { name: 'Overview' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeTruthy();
    expect(window.location.search).toBe('');
  });
});

describe('the Meta token warning', () => {
  const tokenAlert = {
    id: `token_expiring:${expiring.id}`,
    kind: 'token_expiring',
    severity: 'warning',
    subject: { type: 'connection', id: expiring.id, name: 'token …abcd' },
    message: expiring.statusDetail,
    since: expiring.checkedAt,
  };
  const withAlerts = (alerts: unknown[]) => ({ ...NO_ALERTS, alerts });

  it('shows an expiring token on every page, with a link to the connections for an admin', async () => {
    mockApi('admin', {
      'GET /api/alerts': withAlerts([tokenAlert]),
      'GET /api/connections': [expiring],
      'GET /api/tokens': [],
    });
    renderAt('/?view=settings&tab=tokens');
    const warning = await screen.findByTestId('connection-warning');
    expect(warning.textContent).toContain('Token expiring (token …abcd).');
    expect(warning.textContent).toContain('connect again with a new token before then');
    fireEvent.click(screen.getByRole('link', { name: 'Status' }));
    await screen.findByRole('heading', { name: 'Service status' });
    fireEvent.click(within(screen.getByTestId('connection-warning')).getByRole('link'));
    expect(window.location.search).toBe('?view=settings&tab=connections');
    expect(await screen.findByTestId('connection')).toBeTruthy();
  });

  it('tells analysts and viewers to ask an admin, and shows nothing while every token is valid', async () => {
    for (const role of ['analyst', 'viewer'] as const) {
      mockApi(role, {
        'GET /api/alerts': withAlerts([
          {
            ...tokenAlert,
            kind: 'token_invalid',
            severity: 'critical',
            message: 'Meta says the token is no longer valid: syncs stopped.',
          },
        ]),
      });
      renderAt('/');
      const warning = await screen.findByTestId('connection-warning');
      expect(warning.textContent).toContain('Token invalid (token …abcd). Meta says the token is no longer valid');
      expect(warning.textContent).toContain('Ask an admin of this workspace to connect it again.');
      expect(within(warning).queryByRole('link')).toBeNull();
      cleanup();
    }

    const answered = vi.fn();
    mockApi('admin', {
      'GET /api/alerts': () => {
        answered();
        // other alerts are not about tokens: no warning here
        return answer(200, withAlerts([{ ...tokenAlert, id: 'demo', kind: 'demo', severity: 'info' }]));
      },
    });
    renderAt('/?view=status');
    await screen.findByRole('heading', { name: 'Service status' });
    await waitFor(() => expect(answered).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('connection-warning')).toBeNull();
  });
});
