import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMoney, formatPercent } from '../../lib/number-format';
import { answer, mockApi, never, renderAt } from '../../test/app-harness';
import { adRow, fig, report } from './fixtures.test-data';

const WEEK = '/?view=campaigns&from=2025-03-04&to=2025-03-10';
const RANGE = 'from=2025-03-04&to=2025-03-10';
const CAMPAIGNS = `GET /api/campaigns?${RANGE}`;

const spring = adRow('c1', 'Spring sale', { newContacts: 1234, spend: 812.5, currency: 'EUR' });
const summer = adRow('c2', 'Summer sale', { newContacts: 300, spend: 90, currency: 'USD' });
const TWO = report([spring, summer]);

const rowTexts = () => screen.getAllByTestId('ad-row').map((tr) => within(tr).getByRole('rowheader').textContent);
const cell = (row: number, metric: string) =>
  screen.getAllByTestId('ad-row')[row]!.querySelector(`[data-metric="${metric}"] .cell-value`)!.textContent;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the campaigns table', () => {
  it('shows a skeleton while the rows load', async () => {
    mockApi('viewer', { [CAMPAIGNS]: never });
    renderAt(WEEK);
    expect((await screen.findByTestId('campaigns-loading')).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Loading the campaigns…')).toBeTruthy();
  });

  it('says what went wrong and loads again on Retry', async () => {
    let calls = 0;
    mockApi('viewer', {
      [CAMPAIGNS]: () => (++calls === 1 ? answer(500, { message: 'The database did not answer.' }) : answer(200, TWO)),
    });
    renderAt(WEEK);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the campaigns: The database did not answer.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByTestId('ad-row')).toHaveLength(2));
    expect(calls).toBe(2);
  });

  it('says what to do next when the range has no campaign', async () => {
    mockApi('admin', { [CAMPAIGNS]: report([]) });
    renderAt(WEEK);
    const box = await screen.findByTestId('campaigns-empty');
    expect(box.textContent).toContain('No campaign had spend or contacts in this range.');
    expect(box.textContent).toContain('Try a longer range');
    fireEvent.click(within(box).getByRole('link', { name: 'connect a Meta ad account in Settings' }));
    expect(window.location.search).toBe('?view=settings&tab=connections');
    cleanup();

    mockApi('viewer', { [CAMPAIGNS]: report([]) });
    renderAt(WEEK);
    expect((await screen.findByTestId('campaigns-empty')).textContent).toContain('ask an admin of this workspace');
  });

  it('shows each figure in the locale, money in the row’s currency, and reach in words when Meta has none', async () => {
    const pending = { ...summer, reach: { value: null, frequency: null, status: 'pending' as const } };
    mockApi('viewer', { [CAMPAIGNS]: report([spring, pending]) });
    renderAt(WEEK);
    await waitFor(() => expect(screen.getAllByTestId('ad-row')).toHaveLength(2));
    expect(cell(0, 'newContacts')).toBe(new Intl.NumberFormat().format(1234));
    expect(cell(0, 'spend')).toBe(formatMoney(812.5, 'EUR'));
    expect(cell(1, 'spend')).toBe(formatMoney(90, 'USD'));
    expect(cell(0, 'conversionRate')).toBe(formatPercent(10 / 1234));
    const reach = screen.getAllByTestId('ad-row').map((tr) => tr.querySelector('.reach-cell')!.textContent);
    expect(reach[0]).toBe(`${new Intl.NumberFormat().format(12_000)} · 1.5 per person`);
    expect(reach[1]).toBe('Being fetched from Meta');
  });

  it('sorts on the server by the column clicked, the order in the URL', async () => {
    const calls = mockApi('viewer', {
      [CAMPAIGNS]: TWO,
      [`${CAMPAIGNS}&sort=newContacts&order=desc`]: report([spring, summer]),
      [`${CAMPAIGNS}&sort=newContacts&order=asc`]: report([summer, spring]),
    });
    renderAt(WEEK);
    await waitFor(() => expect(screen.getAllByTestId('ad-row')).toHaveLength(2));
    const header = () => screen.getByRole('columnheader', { name: /^New contacts/ });
    expect(header().getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: /^Spend/ }).getAttribute('aria-sort')).toBe('descending');

    fireEvent.click(within(header()).getByRole('link'));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&sort=newContacts&order=desc`);
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe('descending'));
    expect(calls.some((c) => c.path === `/api/campaigns?${RANGE}&sort=newContacts&order=desc`)).toBe(true);

    fireEvent.click(within(header()).getByRole('link'));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&sort=newContacts&order=asc`);
    await waitFor(() => expect(rowTexts()).toEqual(['Summer sale', 'Spring sale']));
    expect(header().getAttribute('aria-sort')).toBe('ascending');
  });

  it('drills down campaign → ad set → ad with a breadcrumb, the level in the URL', async () => {
    const adset = adRow('s1', 'Women 25-44', { level: 'adset' });
    const ad = adRow('a1', 'Video B', { level: 'ad' });
    mockApi('viewer', {
      [CAMPAIGNS]: TWO,
      [`GET /api/adsets?${RANGE}&campaign=c1`]: report([adset], { parent: { level: 'campaign', id: 'c1' } }),
      [`GET /api/ads?${RANGE}&adset=s1`]: report([ad], { parent: { level: 'adset', id: 's1' } }),
    });
    renderAt(WEEK);
    fireEvent.click(await screen.findByRole('link', { name: 'Spring sale' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&campaign=c1`);
    await waitFor(() => expect(rowTexts()).toEqual(['Women 25-44']));
    const crumbs = () => screen.getByRole('navigation', { name: 'Drill-down' });
    expect(crumbs().textContent).toBe('All campaignsSpring sale');
    // ad sets have Meta's reach too
    expect(screen.getByTestId('ad-row').querySelector('.reach-cell')!.textContent).toBe('3,000 · 1.25 per person');
    expect(screen.queryByRole('checkbox')).toBeNull();

    fireEvent.click(screen.getByRole('link', { name: 'Women 25-44' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&campaign=c1&adset=s1`);
    await waitFor(() => expect(rowTexts()).toEqual(['Video B']));
    await waitFor(() => expect(crumbs().textContent).toBe('All campaignsSpring saleWomen 25-44'));

    fireEvent.click(within(crumbs()).getByRole('link', { name: 'All campaigns' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}`);
    await waitFor(() => expect(rowTexts()).toEqual(['Spring sale', 'Summer sale']));
  });

  it('marks changes against the previous period as real or noise', async () => {
    const better = {
      ...spring,
      metrics: { ...spring.metrics, conversionRate: fig(0.12, 0.05, true), blockRate: fig(0.01, 0.011, true) },
      significance: {
        conversionRate: {
          p1: 0.12,
          p2: 0.05,
          difference: 0.07,
          z: 3,
          pValue: 0.002,
          interval: [0.03, 0.1] as [number, number],
          confidence: 0.95,
          significant: true,
        },
        blockRate: {
          p1: 0.01,
          p2: 0.011,
          difference: -0.001,
          z: -0.1,
          pValue: 0.9,
          interval: [-0.01, 0.01] as [number, number],
          confidence: 0.95,
          significant: false,
        },
      },
    };
    mockApi('viewer', {
      [`${CAMPAIGNS}&compare=previous`]: report([better], { comparison: { from: '2025-02-25', to: '2025-03-03' } }),
    });
    renderAt(`${WEEK}&compare=previous`);
    await screen.findByTestId('ad-row');
    const change = (metric: string) =>
      screen.getByTestId('ad-row').querySelector(`[data-metric="${metric}"] .cell-change`)!;
    expect(change('conversionRate').textContent).toBe('+7 pp · 95% confident');
    expect(change('conversionRate').className).toContain('better');
    expect(change('blockRate').textContent).toBe('-0.1 pp · no real difference yet');
  });
});

describe('comparing picked campaigns', () => {
  const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) =>
    adRow(id, `Campaign ${id.toUpperCase()}`, { converted: 10 + i }),
  );
  const series = {
    metric: { id: 'newContacts', label: 'New contacts', unit: 'count', better: 'higher' },
    interval: 'day',
    periods: ['2025-03-04'],
    timeZones: { messenger: 'UTC', ads: '' },
    series: [],
  };
  const funnel = {
    by: 'campaign',
    range: { from: '2025-03-04', to: '2025-03-10' },
    stages: ['clicks', 'conversationsStarted', 'newContacts', 'replied', 'converted'],
    rows: [
      {
        key: 'b',
        stages: { clicks: 2000, conversationsStarted: 500, newContacts: 400, replied: 300, converted: 60 },
        stepRates: { clicks: null, conversationsStarted: 0.25, newContacts: 0.8, replied: 0.75, converted: 0.2 },
      },
      // a campaign nobody picked: not in the comparison
      {
        key: 'z',
        stages: { clicks: 1, conversationsStarted: 1, newContacts: 1, replied: 1, converted: 1 },
        stepRates: { clicks: null, conversationsStarted: 1, newContacts: 1, replied: 1, converted: 1 },
      },
    ],
  };
  const routes = (rows = six) => ({
    [CAMPAIGNS]: report(rows),
    [`GET /api/timeseries?metric=newContacts&interval=day&${RANGE}&groupBy=campaign`]: series,
    [`GET /api/funnel?by=campaign&${RANGE}`]: funnel,
  });

  it('takes 2 to 5 campaigns, in the URL', async () => {
    mockApi('viewer', routes());
    renderAt(WEEK);
    const box = (name: string) =>
      screen.getByRole('checkbox', { name: `Compare Campaign ${name}` }) as HTMLInputElement;
    await screen.findByTestId('compare-hint');
    expect(screen.getByTestId('compare-hint').textContent).toBe(
      'Tick 2 to 5 campaigns in the table to compare them side by side.',
    );
    fireEvent.click(box('A'));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&pick=a`);
    expect(screen.getByTestId('compare-hint').textContent).toContain('Campaign A is picked: tick at least one more');
    for (const name of ['B', 'C', 'D', 'E']) fireEvent.click(box(name));
    expect(new URLSearchParams(window.location.search).get('pick')).toBe('a,b,c,d,e');
    // a sixth cannot be ticked
    expect(box('F').disabled).toBe(true);
    expect(box('F').title).toBe('At most 5 campaigns can be compared');
    fireEvent.click(box('C'));
    expect(new URLSearchParams(window.location.search).get('pick')).toBe('a,b,d,e');
    expect(box('F').disabled).toBe(false);
    expect(box('C').checked).toBe(false);
  });

  it('says in words whether the picked campaigns really differ', async () => {
    const a = adRow('a', 'Spring sale', { converted: 10, newContacts: 400 });
    const b = adRow('b', 'Summer sale', { converted: 60, newContacts: 400 });
    const c = adRow('c', 'Autumn sale', { converted: 12, newContacts: 400 });
    const calls = mockApi('viewer', routes([a, b, c]));
    renderAt(`${WEEK}&pick=a,b,c`);
    // the statistics arrive in a lazy chunk, transformed on first use here
    await waitFor(() => expect(screen.getAllByTestId('significance-sentence').length).toBe(4), { timeout: 15_000 });
    const sentences = screen.getAllByTestId('significance-sentence').map((s) => s.textContent);
    expect(sentences).toContain(`Summer sale converts better than Spring sale: ${formatPercent(0.99)} confident`);
    expect(sentences).toContain('Conversion rate, Autumn sale against Spring sale: no real difference yet');
    // the charts' data: every campaign's trend and funnel, asked once each and kept to the picked ones
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/funnel?by=campaign'))).toBe(true));
    expect(calls.some((c) => c.path.startsWith('/api/timeseries?metric=newContacts&interval=day'))).toBe(true);
    const funnelRows = await screen.findAllByTestId('funnel-row');
    expect(funnelRows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Spring sale',
      'Summer sale',
      'Autumn sale',
    ]);
    const stage = (row: number, name: string) => funnelRows[row]!.querySelector(`[data-stage="${name}"]`)!.textContent;
    expect(stage(1, 'clicks')).toBe(new Intl.NumberFormat().format(2000));
    expect(stage(1, 'converted')).toBe(`60${formatPercent(0.2)} of the step before`);
    expect(stage(0, 'converted')).toBe('–');
    await screen.findByRole(
      'figure',
      { name: 'Conversion and block rates of each picked campaign' },
      { timeout: 15_000 },
    );
  });
});

describe('the reconciliation tab', () => {
  const counts = (meta: number, observed: number) => ({
    metaConversationsStarted: meta,
    observedNewContacts: observed,
    observedReengaged: 0,
    gap: meta - observed,
  });
  const byAd = {
    range: { from: '2025-03-04', to: '2025-03-10' },
    by: 'ad',
    ad: null,
    timeZones: { messenger: 'Europe/Madrid', ads: ['America/New_York'] },
    totals: counts(60, 40),
    causes: [
      { cause: 'no_referral', contacts: 12, explanation: '12 new contacts came with no referral.' },
      { cause: 'time_zones', contacts: null, explanation: 'Meta dates its counts in New York time.' },
    ],
    rows: [
      { key: 'ad1', adName: 'Video B', campaignId: 'c1', campaignName: 'Spring sale', ...counts(50, 30) },
      { key: 'ad2', adName: 'Photo', campaignId: 'c1', campaignName: 'Spring sale', ...counts(10, 10) },
    ],
  };
  const byDay = { ...byAd, by: 'day', ad: 'ad1', rows: [{ ...byAd.rows[0], key: '2025-03-04' }] };

  it('lists the gap per ad with its causes, and one ad day by day', async () => {
    mockApi('viewer', {
      [`GET /api/reconciliation?${RANGE}`]: byAd,
      [`GET /api/reconciliation?${RANGE}&ad=ad1`]: byDay,
    });
    renderAt(WEEK);
    fireEvent.click(await screen.findByRole('link', { name: 'Reconciliation' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&tab=reconciliation`);
    const causes = await screen.findByTestId('reconciliation-causes');
    expect(causes.textContent).toContain('No referral (12): 12 new contacts came with no referral.');
    expect(causes.textContent).toContain('Time zones: Meta dates its counts in New York time.');
    expect(screen.getByText(/Meta counted 20 more conversations than arrived/)).toBeTruthy();
    const rows = screen.getAllByTestId('reconciliation-row');
    expect(rows.map((r) => r.querySelector('[data-count="gap"]')!.textContent)).toEqual(['+20', '0']);

    fireEvent.click(within(rows[0]!).getByRole('link', { name: 'Video B' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&tab=reconciliation&ad=ad1`);
    await waitFor(() => expect(screen.getByRole('columnheader', { name: 'Day' })).toBeTruthy());
    expect(screen.getByRole('navigation', { name: 'Reconciliation level' }).textContent).toContain(
      'Video B, day by day',
    );
  });

  it('keeps to the campaign drilled into on the Figures tab', async () => {
    const calls = mockApi('viewer', {
      [`GET /api/reconciliation?${RANGE}&campaign=c1`]: byAd,
      [`GET /api/reconciliation?${RANGE}`]: { ...byAd, rows: [...byAd.rows, { ...byAd.rows[1]!, key: 'ad3' }] },
    });
    renderAt(`${WEEK}&campaign=c1&tab=reconciliation`);
    await waitFor(() => expect(screen.getAllByTestId('reconciliation-row')).toHaveLength(2));
    expect(calls.some((c) => c.path === `/api/reconciliation?${RANGE}&campaign=c1`)).toBe(true);
    const crumbs = screen.getByRole('navigation', { name: 'Reconciliation level' });
    expect(crumbs.textContent).toBe('All adsAds of Spring sale');
    fireEvent.click(within(crumbs).getByRole('link', { name: 'All ads' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&tab=reconciliation`);
    await waitFor(() => expect(screen.getAllByTestId('reconciliation-row')).toHaveLength(3));
  });

  it('says what went wrong and loads again on Retry', async () => {
    let calls = 0;
    mockApi('viewer', {
      [`GET /api/reconciliation?${RANGE}`]: () =>
        ++calls === 1 ? answer(503, { message: 'Try again shortly.' }) : answer(200, byAd),
    });
    renderAt(`${WEEK}&tab=reconciliation`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the reconciliation: Try again shortly.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByTestId('reconciliation-row')).toHaveLength(2));
  });
});
