import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, meAs, mockApi, never, renderAt } from '../../test/app-harness';

const MEMBERS = '/?view=settings&tab=members';
const ME_ID = meAs('admin').user.id;
const OWNER = {
  userId: '00000000-0000-4000-8000-00000000000a',
  email: 'olga@example.test',
  role: 'owner',
  since: '2026-01-01T00:00:00Z',
};
const SELF = { userId: ME_ID, email: 'ana@example.test', role: 'admin', since: '2026-02-01T00:00:00Z' };
const BOB = {
  userId: '00000000-0000-4000-8000-00000000000b',
  email: 'bob@example.test',
  role: 'viewer',
  since: '2026-03-01T00:00:00Z',
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings › Members', () => {
  it('says it is loading', async () => {
    mockApi('admin', { 'GET /api/members': never });
    renderAt(MEMBERS);
    expect(await screen.findByText('Loading the members…')).toBeTruthy();
  });

  it('says when there is nobody, and when the list fails, with a retry', async () => {
    let fail = true;
    mockApi('admin', {
      'GET /api/members': () => (fail ? answer(503, { message: 'Database unavailable' }) : answer(200, [])),
    });
    renderAt(MEMBERS);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the members: Database unavailable');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('This workspace has no members.')).toBeTruthy();
  });

  it("lets an admin change roles below owner, leaves owners' rows alone, and offers no owner role", async () => {
    const calls = mockApi('admin', {
      'GET /api/members': [OWNER, SELF, BOB],
      [`PATCH /api/members/${BOB.userId}`]: () => answer(200, { ...BOB, role: 'analyst' }),
    });
    renderAt(MEMBERS);
    const rows = await screen.findAllByTestId('member-row');
    expect(rows[0]!.textContent).toContain('owner');
    expect(within(rows[0]!).queryByRole('combobox')).toBeNull();
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(rows[1]!.textContent).toContain('ana@example.test (you)');
    const options = within(screen.getByLabelText('Role'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['admin', 'analyst', 'viewer']);

    fireEvent.change(screen.getByLabelText('Role of bob@example.test'), { target: { value: 'analyst' } });
    fireEvent.click(within(rows[2]!).getByRole('button', { name: 'Save role' }));
    await waitFor(() =>
      expect(calls).toContainEqual({ method: 'PATCH', path: `/api/members/${BOB.userId}`, body: { role: 'analyst' } }),
    );
  });

  it("shows the API's sentences: a new account needs a password, a workspace keeps an owner", async () => {
    mockApi('owner', {
      'GET /api/members': [{ ...OWNER, userId: ME_ID, email: 'ana@example.test' }],
      'POST /api/members': () =>
        answer(400, { message: 'password: new@example.test has no account yet, so it needs one.' }),
      [`PATCH /api/members/${ME_ID}`]: () =>
        answer(409, { message: 'A workspace keeps at least one owner: make another owner first.' }),
    });
    renderAt(MEMBERS);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'new@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'password: new@example.test has no account yet, so it needs one.',
    );

    fireEvent.change(screen.getByLabelText('Role of ana@example.test'), { target: { value: 'admin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save role' }));
    expect(await screen.findByText('A workspace keeps at least one owner: make another owner first.')).toBeTruthy();
  });

  it('adds a member with a password for a new account, and removes one after confirmation', async () => {
    let list = [SELF, BOB];
    const calls = mockApi('admin', {
      'GET /api/members': () => answer(200, list),
      'POST /api/members': () =>
        answer(201, { userId: 'c', email: 'cleo@example.test', role: 'analyst', created: true }),
      [`DELETE /api/members/${BOB.userId}`]: () => {
        list = [SELF];
        return answer(204);
      },
    });
    renderAt(MEMBERS);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'cleo@example.test' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'analyst' } });
    fireEvent.change(screen.getByLabelText('Password (only for someone without an account yet)'), {
      target: { value: 'a long first password' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    expect((await screen.findByRole('status')).textContent).toContain('cleo@example.test is now an analyst');
    expect(calls).toContainEqual({
      method: 'POST',
      path: '/api/members',
      body: { email: 'cleo@example.test', role: 'analyst', password: 'a long first password' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Remove bob@example.test' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(1));
  });
});
