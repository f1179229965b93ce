import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, renderAt } from '../../test/app-harness';

const RULES = '/?view=settings&tab=rules';
const rule = (over: object = {}) => ({
  id: '11111111-1111-4111-8111-111111111111',
  name: 'purchase',
  kind: 'payload',
  pattern: 'ORDER_*',
  value: 45,
  currency: 'EUR',
  createdAt: '2026-11-20T09:00:00Z',
  conversions: 1234,
  ...over,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings › Conversion rules', () => {
  it('says it is loading, then what to do when there is no rule yet', async () => {
    let release: (r: Response) => void = () => {};
    mockApi('admin', { 'GET /api/conversion-rules': () => new Promise<Response>((r) => (release = r)) });
    renderAt(RULES);
    expect(await screen.findByText('Loading the conversion rules…')).toBeTruthy();
    release(answer(200, []));
    expect((await screen.findByText(/^No conversion rules yet: add one above/)).textContent).toContain('Buy');
  });

  it("shows the API's sentence when the list fails, and retries on request", async () => {
    let fail = true;
    mockApi('admin', {
      'GET /api/conversion-rules': () =>
        fail ? answer(500, { message: 'Internal server error' }) : answer(200, [rule()]),
    });
    renderAt(RULES);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the conversion rules: Internal server error');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('rule-row')).toHaveLength(1);
  });

  it('lists each rule with what it matches, its value in its currency and the conversions it counted', async () => {
    mockApi('admin', {
      'GET /api/conversion-rules': [
        rule(),
        rule({
          id: '2',
          name: 'booking',
          kind: 'keyword',
          pattern: 'book a table',
          value: null,
          currency: null,
          conversions: 0,
        }),
      ],
    });
    renderAt(RULES);
    const [order, booking] = await screen.findAllByTestId('rule-row');
    expect(order!.textContent).toContain('Button payload');
    expect(order!.textContent).toContain('ORDER_*');
    expect(order!.textContent).toContain(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(45),
    );
    expect(order!.textContent).toContain(new Intl.NumberFormat().format(1234));
    expect(booking!.textContent).toContain('Keyword');
    expect(booking!.textContent).toContain('no value');
    // says honestly what a rule applies to
    expect(
      screen.getByText(/counts the messages received from then on: earlier messages are not matched again/),
    ).toBeTruthy();
  });

  it('creates a rule, and shows the API’s sentence when it refuses one', async () => {
    let list: object[] = [];
    const calls = mockApi('admin', {
      'GET /api/conversion-rules': () => answer(200, list),
      'POST /api/conversion-rules': (call) => {
        const body = call.body as { value: number | null };
        if (body.value === 5)
          return answer(400, {
            message: 'currency: value and currency go together: give both (e.g. 45 and EUR) or neither',
          });
        list = [rule()];
        return answer(201, rule());
      },
    });
    renderAt(RULES);
    await screen.findByText(/^No conversion rules yet/);
    fireEvent.change(screen.getByLabelText('Conversion name'), { target: { value: 'purchase' } });
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: 'ORDER_*' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^currency: value and currency go together/);

    fireEvent.change(screen.getByLabelText('Value'), { target: { value: '45' } });
    fireEvent.change(screen.getByLabelText('Currency'), { target: { value: 'eur' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(await screen.findAllByTestId('rule-row')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({
      name: 'purchase',
      kind: 'payload',
      pattern: 'ORDER_*',
      value: 45,
      currency: 'EUR',
    });
  });

  it('edits a rule with the edited rule in the URL, and deletes one after asking', async () => {
    let list = [rule()];
    const calls = mockApi('admin', {
      'GET /api/conversion-rules': () => answer(200, list),
      [`PATCH /api/conversion-rules/${rule().id}`]: () => {
        list = [rule({ pattern: 'ORDER_?' })];
        return answer(200, list[0]);
      },
      [`DELETE /api/conversion-rules/${rule().id}`]: () => {
        const removed = list[0];
        list = [];
        return answer(200, removed);
      },
    });
    renderAt(RULES);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit rule purchase' }));
    expect(window.location.search).toBe(`?view=settings&tab=rules&rule=${rule().id}`);
    const form = screen.getByRole('form', { name: 'Edit “purchase”' });
    fireEvent.change(within(form).getByLabelText('Payload'), { target: { value: 'ORDER_?' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(window.location.search).toBe('?view=settings&tab=rules'));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({
      pattern: 'ORDER_?',
      value: 45,
      currency: 'EUR',
    });
    expect((await screen.findByTestId('rule-row')).textContent).toContain('ORDER_?');

    fireEvent.click(screen.getByRole('button', { name: 'Delete rule purchase' }));
    expect(screen.getByText(/the 1,234 conversions it counted stay|conversions it counted stay/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText(/^No conversion rules yet/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('shows viewers the rules read-only', async () => {
    mockApi('viewer', { 'GET /api/conversion-rules': [rule()] });
    renderAt(RULES);
    expect(await screen.findAllByTestId('rule-row')).toHaveLength(1);
    expect(screen.getByRole('note').textContent).toBe(
      'Only admins and owners can change the rules; your role is viewer.',
    );
    expect(screen.queryByRole('button', { name: /Edit|Delete|Add rule/ })).toBeNull();
  });
});
