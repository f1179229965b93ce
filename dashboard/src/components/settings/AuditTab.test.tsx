import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, never, renderAt } from '../../test/app-harness';

const AUDIT = '/?view=settings&tab=audit';
const entry = (i: number) => ({
  id: String(i),
  actor: 'ana@example.test',
  action: 'token.created',
  detail: { name: `token ${i}`, scope: 'read', last4: 'WXYZ' },
  at: '2026-11-25T09:00:00Z',
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings › Audit log', () => {
  it('says it is loading', async () => {
    mockApi('owner', { 'GET /api/audit?limit=100': never });
    renderAt(AUDIT);
    expect(await screen.findByText('Loading the audit log…')).toBeTruthy();
  });

  it('says when nothing is recorded, and when the log fails, with a retry', async () => {
    let fail = true;
    mockApi('owner', {
      'GET /api/audit?limit=100': () => (fail ? answer(500, { message: 'Internal server error' }) : answer(200, [])),
    });
    renderAt(AUDIT);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the audit log: Internal server error');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Nothing recorded yet: admin actions appear here.')).toBeTruthy();
  });

  it('shows who did what, and a longer page on request, kept in the URL', async () => {
    const page = (n: number) => Array.from({ length: n }, (_, i) => entry(i));
    mockApi('owner', {
      'GET /api/audit?limit=100': page(100),
      'GET /api/audit?limit=200': page(130),
      'GET /api/audit?limit=400': [
        entry(1),
        { ...entry(2), action: 'role.changed', detail: { email: 'bob@example.test', from: 'viewer', to: 'analyst' } },
      ],
    });
    renderAt(AUDIT);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(100);
    expect(rows[0]!.textContent).toContain('ana@example.test');
    expect(rows[0]!.textContent).toContain('API token created');
    expect(rows[0]!.textContent).toContain('name: token 0; scope: read; last4: WXYZ');

    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(130));
    expect(window.location.search).toBe('?view=settings&tab=audit&limit=200');
    expect(screen.queryByRole('button', { name: 'Show 100 more' })).toBeNull();

    cleanup();
    renderAt('/?view=settings&tab=audit&limit=400');
    expect((await screen.findAllByTestId('audit-row'))[1]!.textContent).toContain(
      'Role changedemail: bob@example.test; from: viewer; to: analyst',
    );
  });
});
