import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Overview } from '../../data/overview/overview-query';
import { presetRange, today } from '../../lib/date-range';
import { formatMoney, formatPercent } from '../../lib/number-format';
import { answer, mockApi, never, NO_ALERTS, renderAt } from '../../test/app-harness';

// the machine running the tests may be busy: give the screen more than the default second to settle
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

// a Tuesday-to-Monday week long past: no preset covers it, whatever today is
const WEEK = '/?from=2025-03-04&to=2025-03-10';
const WEEK_API = 'GET /api/overview?from=2025-03-04&to=2025-03-10';
const COMPARED_API = `${WEEK_API}&compare=previous`;

// the Overview's other parts, answered with nothing, for tests about the headline figures
const QUIET = {
  'GET /api/campaigns?from=2025-03-04&to=2025-03-10&sort=newContacts&order=desc': { rows: [] },
  'GET /api/campaigns?from=2025-03-04&to=2025-03-10&sort=costPerNewContact&order=asc': { rows: [] },
  'GET /api/ref-links?from=2025-03-04&to=2025-03-10&sort=newContacts&order=desc': { rows: [] },
  'GET /api/sync/runs?limit=50': [],
};

const fig = (value: number | null, previous: number | null = null, improved: boolean | null = null) => ({
  value,
  previous,
  change: value !== null && previous !== null ? value - previous : null,
  relativeChange: value !== null && previous ? (value - previous) / previous : null,
  improved,
});

const days = (newContacts: number[]) =>
  newContacts.map((n, i) => ({ day: `2025-03-0${4 + i}`, newContacts: n, conversions: 0, spend: {} }));

const overview = (over: Partial<Overview> = {}): Overview => ({
  range: { from: '2025-03-04', to: '2025-03-10' },
  comparison: null,
  timeZones: { messenger: 'Europe/Madrid', ads: "each ad account's own, as Meta reports" },
  observed: {
    newContacts: fig(1234),
    conversions: fig(56),
    conversionRate: fig(0.0454),
    blockRate: fig(0.021),
    replyRate: fig(0.8),
    medianFirstResponse: fig(31_000),
  },
  byCurrency: [
    {
      currency: 'EUR',
      metrics: { spend: fig(812.5), costPerNewContact: fig(0.66), roas: fig(2.5) },
      reach: { value: null, status: 'pending' },
    },
  ],
  series: days([100, 200, 150, 180, 204, 200, 200]),
  ...over,
});

const valueOf = (id: string) => within(screen.getByTestId(`figure-${id}`)).getByTestId('figure-value').textContent;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the Overview', () => {
  it('is the page after sign-in, for the last 28 days unless the URL says otherwise', async () => {
    const { from, to } = presetRange('last28', today());
    const calls = mockApi('viewer', { [`GET /api/overview?from=${from}&to=${to}`]: overview() });
    renderAt('/');
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeTruthy();
    expect(await screen.findByTestId('figure-newContacts')).toBeTruthy();
    expect(calls.some((c) => c.path === `/api/overview?from=${from}&to=${to}`)).toBe(true);
    expect((screen.getByLabelText('Dates') as HTMLSelectElement).value).toBe('last28');
  });

  it('shows a skeleton while the figures load', async () => {
    mockApi('viewer', { [WEEK_API]: never });
    renderAt(WEEK);
    expect((await screen.findByTestId('overview-loading')).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Loading the figures…')).toBeTruthy();
  });

  it('says what went wrong and loads again on Retry', async () => {
    let calls = 0;
    mockApi('viewer', {
      ...QUIET,
      [WEEK_API]: () =>
        ++calls === 1 ? answer(500, { message: 'The database did not answer.' }) : answer(200, overview()),
    });
    renderAt(WEEK);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the figures: The database did not answer.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('figure-newContacts')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('says what to do next when the range has no data', async () => {
    const empty = overview({
      observed: { newContacts: fig(0) },
      byCurrency: [],
      series: days([0, 0, 0, 0, 0, 0, 0]),
    });
    mockApi('admin', { [WEEK_API]: empty });
    renderAt(WEEK);
    const box = await screen.findByTestId('overview-empty');
    expect(box.textContent).toContain('No contacts or ad spend in this range.');
    expect(box.textContent).toContain('Try a longer range');
    fireEvent.click(within(box).getByRole('link', { name: 'connect a Meta account in Settings' }));
    expect(window.location.search).toBe('?view=settings&tab=connections');
    cleanup();

    mockApi('viewer', { [WEEK_API]: empty });
    renderAt(WEEK);
    expect((await screen.findByTestId('overview-empty')).textContent).toContain('ask an admin of this workspace');
  });

  it('shows each figure in the locale, money per currency, and reach in words while Meta is asked', async () => {
    mockApi('viewer', { [WEEK_API]: overview() });
    renderAt(WEEK);
    await screen.findByTestId('figure-newContacts');
    expect(valueOf('newContacts')).toBe(new Intl.NumberFormat().format(1234));
    expect(valueOf('conversionRate')).toBe(formatPercent(0.0454));
    expect(valueOf('medianFirstResponse')).toMatch(/^31\s/);
    expect(valueOf('spend-EUR')).toBe(formatMoney(812.5, 'EUR'));
    expect(valueOf('reach-EUR')).toBe('Being fetched from Meta');
    expect(screen.getByRole('heading', { name: 'Ads in EUR' })).toBeTruthy();
    expect(screen.getByTestId('overview-range').textContent).toContain('Europe/Madrid');
    // without a comparison there is no change to show
    expect(screen.queryByText(/better|worse/)).toBeNull();
  });

  it('colours and words each change by whether it is good news', async () => {
    mockApi('viewer', {
      [COMPARED_API]: overview({
        comparison: { from: '2026-11-12', to: '2026-11-18' },
        observed: { newContacts: fig(1200, 1000, true), blockRate: fig(0.03, 0.02, false), conversions: fig(5, 5) },
        byCurrency: [{ currency: 'USD', metrics: { spend: fig(900, 1000) }, reach: { value: 4321, status: 'ready' } }],
      }),
    });
    renderAt(`${WEEK}&compare=previous`);
    const contacts = await screen.findByTestId('figure-newContacts');
    const up = contacts.querySelector('.figure-change')!;
    expect(up.className).toContain('better');
    expect(up.textContent).toMatch(/^\+20(\.0)?\s?% better$/);
    const block = screen.getByTestId('figure-blockRate').querySelector('.figure-change')!;
    expect(block.className).toContain('worse');
    expect(block.textContent).toContain('+1 pp worse');
    expect(screen.getByTestId('figure-conversions').querySelector('.figure-change')!.textContent).toContain(
      'no change',
    );
    // spend is neither good nor bad news: its change has no verdict
    const spend = screen.getByTestId('figure-spend-USD').querySelector('.figure-change')!;
    expect(spend.textContent).toMatch(/^-10(\.0)?\s?%$/);
    expect(spend.className).toContain('flat');
    expect(valueOf('reach-USD')).toBe(new Intl.NumberFormat().format(4321));
    expect(screen.getByTestId('overview-range').textContent).toContain('compared with');
  });

  it('lists the alerts worst first', async () => {
    const alert = (id: string, severity: string, message: string) => ({
      id,
      kind: 'block_rate',
      severity,
      subject: { type: 'page', id: '1', name: null },
      message,
      since: null,
    });
    mockApi('viewer', {
      [WEEK_API]: overview(),
      'GET /api/alerts': {
        ...NO_ALERTS,
        alerts: [alert('a', 'info', 'Demo data.'), alert('b', 'critical', 'Block rate 9% on page X.')],
      },
    });
    renderAt(WEEK);
    await waitFor(() => expect(screen.getAllByTestId('overview-alert')).toHaveLength(2));
    const items = screen.getAllByTestId('overview-alert').map((li) => li.textContent);
    expect(items).toEqual(['Critical Block rate 9% on page X.', 'Note Demo data.']);
  });
});

describe('the range and comparison in the URL', () => {
  it('changes the URL with a preset and the comparison, keeping the old figures while the new load', async () => {
    const { from, to } = presetRange('last7', today());
    const calls = mockApi('viewer', {
      [WEEK_API]: overview(),
      [`GET /api/overview?from=${from}&to=${to}`]: never,
    });
    renderAt(`/?view=overview&from=2025-03-04&to=2025-03-10`);
    await screen.findByTestId('figure-newContacts');
    fireEvent.change(screen.getByLabelText('Dates'), { target: { value: 'last7' } });
    expect(window.location.search).toBe(`?view=overview&from=${from}&to=${to}`);
    await waitFor(() => expect(calls.some((c) => c.path === `/api/overview?from=${from}&to=${to}`)).toBe(true));
    // the previous range's figures stay, marked as updating
    expect(screen.getByTestId('figure-newContacts').closest('[aria-busy]')!.getAttribute('aria-busy')).toBe('true');

    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'previous' } });
    expect(window.location.search).toBe(`?view=overview&from=${from}&to=${to}&compare=previous`);
    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'off' } });
    expect(window.location.search).toBe(`?view=overview&from=${from}&to=${to}`);
  });

  it('takes a custom range, and refuses one that ends before it starts', async () => {
    mockApi('viewer', { [WEEK_API]: overview(), 'GET /api/overview?from=2026-11-01&to=2026-11-10': overview() });
    renderAt(WEEK);
    await screen.findByTestId('figure-newContacts');
    expect((screen.getByLabelText('Dates') as HTMLSelectElement).value).toBe('custom');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-12' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-10' } });
    expect(screen.getByText('The first day is after the last.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(window.location.search).toBe('?from=2026-11-01&to=2026-11-10');
  });
});
