import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, renderAt } from '../../test/app-harness';

const TOKENS = '/?view=settings&tab=tokens';
const SECRET = 'ctm_live_0123456789abcdefghijklmnopqrstuvwxyzWXYZ';
const token = (over: object = {}) => ({
  id: '11111111-1111-4111-8111-111111111111',
  name: 'shop conversions',
  scope: 'write:conversions',
  last4: 'WXYZ',
  createdBy: 'ana@example.test',
  createdAt: '2026-11-20T09:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings › API tokens', () => {
  it('says it is loading, then that there is no token yet', async () => {
    let release: (r: Response) => void = () => {};
    mockApi('admin', { 'GET /api/tokens': () => new Promise<Response>((r) => (release = r)) });
    renderAt(TOKENS);
    expect(await screen.findByText('Loading the API tokens…')).toBeTruthy();
    release(answer(200, []));
    expect(await screen.findByText('No API tokens yet: create one above.')).toBeTruthy();
  });

  it("shows the API's sentence when the list fails, and retries on request", async () => {
    let fail = true;
    mockApi('admin', {
      'GET /api/tokens': () => (fail ? answer(500, { message: 'Internal server error' }) : answer(200, [token()])),
    });
    renderAt(TOKENS);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the API tokens: Internal server error');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('token-row')).toHaveLength(1);
  });

  it('lists name, scope, last four characters, created, last used and creator', async () => {
    mockApi('admin', {
      'GET /api/tokens': [token(), token({ id: '2', name: 'old', revokedAt: '2026-11-21T00:00:00Z', createdBy: null })],
    });
    renderAt(TOKENS);
    const [live, revoked] = await screen.findAllByTestId('token-row');
    expect(live!.textContent).toContain('shop conversions');
    expect(live!.textContent).toContain('write:conversions');
    expect(live!.textContent).toContain('…WXYZ');
    expect(live!.textContent).toContain('never');
    expect(live!.textContent).toContain('ana@example.test');
    expect(revoked!.textContent).toContain('Revoked');
    expect(revoked!.textContent).toContain('command line');
    expect(within(revoked!).queryByRole('button')).toBeNull();
  });

  it('shows a new token once, with a copy button and the warning, and never again after Done', async () => {
    let list: object[] = [];
    const calls = mockApi('admin', {
      'GET /api/tokens': () => answer(200, list),
      'POST /api/tokens': () => {
        list = [token()];
        return answer(201, { ...token(), token: SECRET });
      },
    });
    renderAt(TOKENS);
    await screen.findByText('No API tokens yet: create one above.');
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'shop conversions' } });
    fireEvent.change(screen.getByLabelText('Scope'), { target: { value: 'write:conversions' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const notice = await screen.findByTestId('new-token');
    expect(calls).toContainEqual({
      method: 'POST',
      path: '/api/tokens',
      body: { name: 'shop conversions', scope: 'write:conversions' },
    });
    expect((within(notice).getByLabelText('New API token') as HTMLInputElement).value).toBe(SECRET);
    expect(notice.textContent).toContain('Copy it now: it will not be shown again.');
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    fireEvent.click(within(notice).getByRole('button', { name: 'Copy token' }));
    expect(await within(notice).findByText('Copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    // the list refetched through the key factory shows only the last four characters
    expect((await screen.findByTestId('token-row')).textContent).toContain('…WXYZ');

    fireEvent.click(screen.getByRole('button', { name: 'Done, I have copied it' }));
    await waitFor(() => expect(screen.queryByTestId('new-token')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Token name')));
  });

  it("shows the API's sentence when it refuses a new token", async () => {
    mockApi('admin', {
      'GET /api/tokens': [],
      'POST /api/tokens': () => answer(400, { message: 'name: must be at most 100 characters' }),
    });
    renderAt(TOKENS);
    fireEvent.change(await screen.findByLabelText('Token name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('name: must be at most 100 characters');
  });

  it('revokes only after confirmation; Cancel and Escape keep the token', async () => {
    let revoked = false;
    const calls = mockApi('admin', {
      'GET /api/tokens': () => answer(200, [token(revoked ? { revokedAt: '2026-11-25T12:00:00Z' } : {})]),
      [`DELETE /api/tokens/${token().id}`]: () => {
        revoked = true;
        return answer(200, token({ revokedAt: '2026-11-25T12:00:00Z' }));
      },
    });
    renderAt(TOKENS);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke token shop conversions' }));
    expect(screen.getByRole('group').textContent).toContain('Anything using it is refused from now on.');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    // keyboard: the question takes the focus on Cancel, Escape backs out and gives the focus back
    fireEvent.click(screen.getByRole('button', { name: 'Revoke token shop conversions' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Revoke token shop conversions' }));

    fireEvent.click(screen.getByRole('button', { name: 'Revoke token shop conversions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(screen.getByTestId('token-row').textContent).toContain('Revoked'));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });
});
