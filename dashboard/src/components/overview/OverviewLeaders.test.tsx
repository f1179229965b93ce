import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RankedCampaign } from '../../data/overview/campaign-ranking-query';
import type { RankedRefLink } from '../../data/overview/ref-link-ranking-query';
import { formatMoney } from '../../lib/number-format';
import { answer, mockApi, never, NO_ALERTS, renderAt } from '../../test/app-harness';

// the panels below the headline figures appear once those have come (here: an empty range)
const EMPTY_OVERVIEW = {
  range: { from: '2025-03-04', to: '2025-03-10' },
  comparison: null,
  timeZones: { messenger: 'Europe/Madrid', ads: "each ad account's own, as Meta reports" },
  observed: {},
  byCurrency: [],
  series: [],
};

// the machine running the tests may be busy: give the screen more than the default second to settle
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const WEEK = '/?from=2025-03-04&to=2025-03-10';
const RANGE = 'from=2025-03-04&to=2025-03-10';
const BY_CONTACTS = `GET /api/campaigns?${RANGE}&sort=newContacts&order=desc`;
const BY_COST = `GET /api/campaigns?${RANGE}&sort=costPerNewContact&order=asc`;
const REFS = `GET /api/ref-links?${RANGE}&sort=newContacts&order=desc`;
const RUNS = 'GET /api/sync/runs?limit=50';

const fig = (value: number | null) => ({ value, previous: null, change: null, relativeChange: null, improved: null });
const campaign = (
  id: string,
  newContacts: number,
  spend: number,
  cost: number | null,
  currency = 'EUR',
): RankedCampaign => ({
  id,
  name: `Campaign ${id}`,
  status: 'ACTIVE',
  currency,
  metrics: { newContacts: fig(newContacts), spend: fig(spend), costPerNewContact: fig(cost) },
});
const ref = (name: string, newContacts: number): RankedRefLink => ({
  source: 'SHORTLINK',
  ref: name,
  metrics: { newContacts: fig(newContacts) },
});

// A, B, C, D, E spent; F spent nothing and brought no one; the API sorts, the page keeps its order
const A = campaign('A', 40, 400, 10);
const B = campaign('B', 30, 600, 20);
const C = campaign('C', 20, 100, 5, 'USD');
const D = campaign('D', 10, 500, 50);
const E = campaign('E', 0, 90, null);
const F = campaign('F', 0, 0, null);

const names = (id: string) =>
  within(screen.getByTestId(id))
    .queryAllByTestId('ranked-item')
    .map(
      (li) =>
        `${within(li).getByTestId('ranked-name').textContent} ${within(li).getByTestId('ranked-value').textContent}`,
    );

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the best and worst campaigns and ref links', () => {
  const routes = {
    [`GET /api/overview?${RANGE}`]: EMPTY_OVERVIEW,
    [BY_CONTACTS]: { rows: [A, B, C, D, E, F] },
    [BY_COST]: { rows: [C, A, B, D, E, F] },
    [REFS]: { rows: [ref('spring-qr', 9), ref('ig_bio', 4), ref('flyer', 2), ref('vip=gold', 1), ref('old', 0)] },
    [RUNS]: [],
  };

  it('ranks campaigns by new contacts and by cost per new contact as the API sorts them, each figure in its currency', async () => {
    mockApi('viewer', routes);
    renderAt(WEEK);
    await waitFor(() => expect(names('campaigns-most-contacts')).toHaveLength(3));
    expect(names('campaigns-most-contacts')).toEqual(['Campaign A 40', 'Campaign B 30', 'Campaign C 20']);
    // the other end: those that spent, fewest first, without repeating the top ones (F spent nothing)
    expect(names('campaigns-fewest-contacts')).toEqual(['Campaign E 0', 'Campaign D 10']);
    await waitFor(() => expect(names('campaigns-cheapest')).toHaveLength(3));
    expect(names('campaigns-cheapest')).toEqual([
      `Campaign C ${formatMoney(5, 'USD')}`,
      `Campaign A ${formatMoney(10, 'EUR')}`,
      `Campaign B ${formatMoney(20, 'EUR')}`,
    ]);
    expect(names('campaigns-costliest')).toEqual([`Campaign D ${formatMoney(50, 'EUR')}`]);
    expect(screen.getByText(/Each cost is in its campaign's currency/)).toBeTruthy();

    // a campaign opens on its ad sets; "all" opens the Campaigns table sorted as the list is
    const most = screen.getByTestId('campaigns-most-contacts');
    expect(within(most).getByRole('link', { name: 'Campaign A' }).getAttribute('href')).toBe(
      `/?view=campaigns&${RANGE}&campaign=A`,
    );
    fireEvent.click(screen.getByRole('link', { name: 'All campaigns by highest cost per new contact' }));
    expect(window.location.search).toBe(`?view=campaigns&${RANGE}&sort=costPerNewContact&order=desc`);
  });

  it('ranks ref links and links each to its page and to its contacts', async () => {
    mockApi('viewer', routes);
    renderAt(WEEK);
    await waitFor(() => expect(names('refs-most-contacts')).toHaveLength(3));
    expect(names('refs-most-contacts')).toEqual(['spring-qr 9', 'ig_bio 4', 'flyer 2']);
    expect(names('refs-fewest-contacts')).toEqual(['old 0', 'vip=gold 1']);
    fireEvent.click(screen.getByRole('link', { name: 'Contacts from vip=gold' }));
    expect(window.location.search).toBe(`?view=contacts&${RANGE}&source=SHORTLINK&ref=vip%3Dgold`);
    cleanup();

    mockApi('viewer', routes);
    renderAt(WEEK);
    fireEvent.click(await screen.findByRole('link', { name: 'spring-qr' }));
    expect(window.location.search).toBe(`?view=ref-links&${RANGE}&q=spring-qr`);
    window.history.replaceState(null, '', WEEK);
    window.dispatchEvent(new PopStateEvent('popstate'));
    fireEvent.click(await screen.findByRole('link', { name: 'All ref links by fewest new contacts' }));
    expect(window.location.search).toBe(`?view=ref-links&${RANGE}&sort=newContacts&order=asc`);
  });

  it('says when nothing spent or no ref was used, and retries a failed list', async () => {
    let calls = 0;
    mockApi('viewer', {
      ...routes,
      [BY_CONTACTS]: { rows: [F] },
      [BY_COST]: { rows: [F] },
      [REFS]: () => (++calls === 1 ? answer(500, { message: 'Busy.' }) : answer(200, { rows: [] })),
    });
    renderAt(WEEK);
    expect(await screen.findByText('No campaign spent in this range.')).toBeTruthy();
    expect(await screen.findByText('No campaign has a cost per new contact in this range.')).toBeTruthy();
    const alert = await screen.findByText(/Could not load the ref links: Busy./);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/No m.me link, QR code or chat-plugin ref brought anyone/)).toBeTruthy();
  });
});

describe('data freshness', () => {
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000 - 5_000).toISOString();
  const run = (status: string, finishedAt: string, error: string | null = null) => ({
    id: `${status}${finishedAt}`,
    accountId: 'act_1',
    kind: 'hourly',
    since: '2026-11-24',
    until: '2026-11-25',
    status,
    requests: 2,
    rowsWritten: 4,
    daysTotal: 2,
    daysDone: 2,
    error,
    createdAt: finishedAt,
    finishedAt,
  });
  const base = {
    [`GET /api/overview?${RANGE}`]: EMPTY_OVERVIEW,
    [BY_CONTACTS]: never,
    [BY_COST]: never,
    [REFS]: never,
  };

  it("says in words when the ad data was synced and when each page's last webhook came", async () => {
    mockApi('viewer', {
      ...base,
      [RUNS]: [run('running', ''), run('succeeded', minutesAgo(12)), run('succeeded', minutesAgo(72))],
      'GET /api/alerts': {
        ...NO_ALERTS,
        freshness: { pages: [{ id: '1', name: 'Acme', lastWebhookAt: minutesAgo(3) }], adAccounts: [] },
      },
    });
    renderAt(WEEK);
    const ads = await screen.findByTestId('freshness-ads');
    expect(ads.textContent).toBe('Ad data synced 12 minutes ago');
    expect(ads.getAttribute('data-stale')).toBe('false');
    const hooks = await screen.findByTestId('freshness-webhooks');
    expect(hooks.textContent).toBe('Last webhook from Acme 3 minutes ago');
  });

  it('looks like a warning when the sync is old or failing and when a page has gone quiet', async () => {
    mockApi('viewer', {
      ...base,
      [RUNS]: [run('failed', minutesAgo(5), 'Meta said: token expired'), run('succeeded', minutesAgo(5 * 60))],
      'GET /api/alerts': {
        ...NO_ALERTS,
        freshness: { pages: [{ id: '1', name: 'Acme', lastWebhookAt: minutesAgo(4 * 60) }], adAccounts: [] },
        alerts: [
          {
            id: 'webhooks_silent:1',
            kind: 'webhooks_silent',
            severity: 'warning',
            subject: { type: 'page', id: '1', name: 'Acme' },
            message: 'No webhook from page Acme for 4 hours.',
            since: minutesAgo(4 * 60),
          },
        ],
      },
    });
    renderAt(WEEK);
    const ads = await screen.findByTestId('freshness-ads');
    expect(ads.getAttribute('data-stale')).toBe('true');
    expect(ads.textContent).toBe('Stale: Ad data synced 5 hours ago The last sync failed: Meta said: token expired');
    const hooks = await screen.findByTestId('freshness-webhooks');
    expect(hooks.className).toContain('stale-data');
    expect(hooks.textContent).toContain('Last webhook from Acme 4 hours ago');
  });

  it('retries when the sync runs cannot be read', async () => {
    let calls = 0;
    mockApi('viewer', {
      ...base,
      [RUNS]: () => (++calls === 1 ? answer(500, { message: 'no' }) : answer(200, [])),
    });
    renderAt(WEEK);
    const freshness = await screen.findByTestId('freshness');
    fireEvent.click(await within(freshness).findByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('freshness-ads')).textContent).toBe(
      'No ad data synced yet: no ad account is connected',
    );
    expect(screen.getByTestId('freshness-webhooks').textContent).toBe('No Messenger page connected yet');
  });
});
