import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactDetail } from '../../data/contacts/contact-query';
import type { ContactRow } from '../../data/contacts/contacts-query';
import { formatMoney } from '../../lib/number-format';
import { answer, mockApi, never, renderAt } from '../../test/app-harness';
import { formatMoment, formatShortMoment } from './timeline';

// the machine running the tests may be busy: give the screen more than the default second to settle
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const LIST = '/?view=contacts&from=2025-03-04&to=2025-03-10';
const api = (extra = '') => `GET /api/contacts?from=2025-03-04&to=2025-03-10${extra}&limit=50`;

const contact = (n: number, over: Partial<ContactRow> = {}): ContactRow => ({
  id: `c${n}`,
  pageId: '104857600000009',
  psid: `73100000${n}`,
  firstSeenAt: `2025-03-10T12:${String(59 - n).padStart(2, '0')}:00.000Z`,
  source: 'ADS',
  ref: null,
  adId: '120210000000011',
  campaignId: '120210000000001',
  inboundMessages: 3,
  lastInboundAt: '2025-03-10T13:00:00.000Z',
  reachability: 'reachable',
  unreachableAt: null,
  conversions: 0,
  ...over,
});

const rows = () => screen.getAllByTestId('contact-row');
const CAMPAIGNS = 'GET /api/campaigns?from=2025-03-04&to=2025-03-10';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the contact list', () => {
  it('shows a skeleton while the contacts load', async () => {
    mockApi('viewer', { [api()]: never });
    renderAt(LIST);
    expect((await screen.findByTestId('contacts-loading')).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Loading the contacts…')).toBeTruthy();
  });

  it('says what went wrong and loads again on Retry', async () => {
    let calls = 0;
    mockApi('viewer', {
      [api()]: () =>
        ++calls === 1
          ? answer(500, { message: 'The database did not answer.' })
          : answer(200, { rows: [contact(1)], nextCursor: null }),
    });
    renderAt(LIST);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the contacts: The database did not answer.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(calls).toBe(2);
  });

  it('says what to do next when there is nobody, and clears filters that match nobody', async () => {
    mockApi('admin', { [api()]: { rows: [], nextCursor: null } });
    renderAt(LIST);
    const box = await screen.findByTestId('contacts-empty');
    expect(box.textContent).toContain('No new contacts in this range.');
    expect(within(box).getByRole('link', { name: 'connect one in Settings' })).toBeTruthy();
    cleanup();

    mockApi('viewer', {
      [api('&source=SHORTLINK&converted=true')]: { rows: [], nextCursor: null },
      [api()]: { rows: [contact(1)], nextCursor: null },
    });
    renderAt(`${LIST}&source=SHORTLINK&converted=true`);
    const filtered = await screen.findByTestId('contacts-empty');
    expect(filtered.textContent).toContain('No contacts match these filters in this range.');
    fireEvent.click(within(filtered).getByRole('button', { name: 'clear the filters' }));
    expect(window.location.search).toBe('?view=contacts&from=2025-03-04&to=2025-03-10');
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('lists each contact with its source, origin, counts and reachability in words', async () => {
    mockApi('viewer', {
      [api()]: {
        rows: [
          contact(1, { conversions: 2, inboundMessages: 1234 }),
          contact(2, { source: 'SHORTLINK', ref: 'spring-qr', adId: null, campaignId: null }),
          contact(3, { reachability: 'unreachable', unreachableAt: '2025-03-10T14:00:00.000Z' }),
          contact(4, { campaignId: '120210000000002' }),
        ],
        nextCursor: null,
      },
      // campaign names by id; one the API does not name shows its ad id
      [CAMPAIGNS]: { rows: [{ id: '120210000000002', name: 'Bridal consultations' }] },
    });
    renderAt(LIST);
    await waitFor(() => expect(rows()).toHaveLength(4));
    await waitFor(() => expect(rows()[3]!.textContent).toContain('Bridal consultations'));
    const cells = (i: number) => [...rows()[i]!.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells(0)).toEqual([
      formatShortMoment('2025-03-10T12:58:00.000Z'),
      'Ads',
      'ad 120210000000011',
      new Intl.NumberFormat().format(1234),
      '2',
      'Reachable',
    ]);
    expect(cells(1).slice(1, 3)).toEqual(['m.me link', 'spring-qr']);
    expect(cells(2)[5]).toBe(`Blocked since ${formatMoment('2025-03-10T14:00:00.000Z')}`);
    expect(screen.getByTestId('contacts-shown').textContent).toBe('Page 1: contacts 1–4, the last');
    expect(screen.getByText(/Names and messages cannot be searched/)).toBeTruthy();
  });
});

describe('filters and search in the URL', () => {
  it('filters by source, reachability and conversion, each kept in the URL and sent to the API', async () => {
    const calls = mockApi('viewer', {
      [api()]: { rows: [contact(1), contact(2)], nextCursor: null },
      [api('&source=SHORTLINK')]: { rows: [contact(3, { source: 'SHORTLINK', ref: 'qr-flyer' })], nextCursor: null },
      [api('&source=SHORTLINK&reachability=unreachable')]: { rows: [], nextCursor: null },
      [api('&source=SHORTLINK&reachability=unreachable&converted=false')]: { rows: [], nextCursor: null },
    });
    renderAt(LIST);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'SHORTLINK' } });
    expect(window.location.search).toBe(`${LIST.slice(1)}&source=SHORTLINK`);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByTestId('contact-source').textContent).toBe('m.me link');

    fireEvent.change(screen.getByLabelText('Reachability'), { target: { value: 'unreachable' } });
    fireEvent.change(screen.getByLabelText('Converted'), { target: { value: 'false' } });
    expect(window.location.search).toBe(`${LIST.slice(1)}&source=SHORTLINK&reachability=unreachable&converted=false`);
    await screen.findByTestId('contacts-empty');
    expect(calls.map((c) => c.path)).toContain(
      api('&source=SHORTLINK&reachability=unreachable&converted=false').slice(4),
    );

    // back returns to the previous filters and their rows
    window.history.back();
    await waitFor(() => expect((screen.getByLabelText('Converted') as HTMLSelectElement).value).toBe(''));
    expect(window.location.search).toBe(`${LIST.slice(1)}&source=SHORTLINK&reachability=unreachable`);
    expect((screen.getByLabelText('Reachability') as HTMLSelectElement).value).toBe('unreachable');
  });

  it('searches PSIDs and refs, filters by exact ref, ad, page and campaign, and refuses an id the API would refuse', async () => {
    mockApi('viewer', {
      [api()]: { rows: [contact(1)], nextCursor: null },
      [api('&q=7310')]: { rows: [contact(5), contact(6)], nextCursor: null },
      [api('&ref=spring-qr')]: { rows: [contact(2, { source: 'SHORTLINK', ref: 'spring-qr' })], nextCursor: null },
      [api('&page=104857600000009&ad=120210000000011')]: { rows: [contact(3)], nextCursor: null },
      [api('&campaign=120210000000002')]: { rows: [contact(4, { campaignId: '120210000000002' })], nextCursor: null },
      [CAMPAIGNS]: {
        rows: [
          { id: '120210000000002', name: 'Bridal consultations' },
          { id: '120210000000001', name: 'Autumn sale' },
        ],
      },
    });
    renderAt(LIST);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const search = screen.getByRole('search', { name: 'Search contacts' });
    fireEvent.change(within(search).getByLabelText('Search'), { target: { value: ' 7310 ' } });
    fireEvent.click(within(search).getByRole('button', { name: 'Search' }));
    expect(window.location.search).toBe(`${LIST.slice(1)}&q=7310`);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByText(/Names and messages cannot be searched/)).toBeTruthy();

    fireEvent.change(within(search).getByLabelText('Search'), { target: { value: '' } });
    fireEvent.change(within(search).getByLabelText('Exact ref'), { target: { value: 'spring-qr' } });
    fireEvent.submit(search);
    expect(window.location.search).toBe(`${LIST.slice(1)}&ref=spring-qr`);
    await waitFor(() => expect(rows()[0]!.textContent).toContain('spring-qr'));

    fireEvent.change(within(search).getByLabelText('Exact ref'), { target: { value: '' } });
    fireEvent.change(within(search).getByLabelText('Ad id'), { target: { value: 'ad 12' } });
    expect(screen.getByText('An ad id has letters, digits, - and _.')).toBeTruthy();
    expect((within(search).getByRole('button', { name: 'Search' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(search).getByLabelText('Ad id'), { target: { value: '120210000000011' } });
    fireEvent.change(within(search).getByLabelText('Page id'), { target: { value: '104857600000009' } });
    fireEvent.submit(search);
    expect(window.location.search).toBe(`${LIST.slice(1)}&ad=120210000000011&page=104857600000009`);
    // the campaign of the contact's ad, by name
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Autumn sale'));

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(window.location.search).toBe(LIST.slice(1));
    expect((within(search).getByLabelText('Ad id') as HTMLInputElement).value).toBe('');

    // campaigns by name, in alphabetical order
    const campaign = screen.getByLabelText('Campaign') as HTMLSelectElement;
    await waitFor(() => expect(campaign.options).toHaveLength(3));
    expect([...campaign.options].map((o) => o.textContent)).toEqual([
      'All campaigns',
      'Autumn sale',
      'Bridal consultations',
    ]);
    fireEvent.change(campaign, { target: { value: '120210000000002' } });
    expect(window.location.search).toBe(`${LIST.slice(1)}&campaign=120210000000002`);
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Bridal consultations'));
  });
});

describe('paging', () => {
  it('follows nextCursor to older contacts and back, the cursors in the URL', async () => {
    const first = Array.from({ length: 50 }, (_, i) => contact(i));
    mockApi('viewer', {
      [api()]: { rows: first, nextCursor: 'Q1' },
      [`${api()}&cursor=Q1`]: { rows: [contact(50), contact(51)], nextCursor: null },
      [`${api('&source=ADS')}`]: { rows: [contact(1)], nextCursor: null },
    });
    renderAt(LIST);
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(screen.getByTestId('contacts-shown').textContent).toBe('Page 1: contacts 1–50');
    expect(screen.queryByRole('link', { name: '← Newer' })).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Older →' }));
    expect(window.location.search).toBe(`${LIST.slice(1)}&after=Q1`);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByTestId('contacts-shown').textContent).toBe('Page 2: contacts 51–52, the last');
    expect(screen.queryByRole('link', { name: 'Older →' })).toBeNull();

    fireEvent.click(screen.getByRole('link', { name: '← Newer' }));
    expect(window.location.search).toBe(LIST.slice(1));
    await waitFor(() => expect(rows()).toHaveLength(50));

    // a new filter starts again at the newest
    window.history.replaceState(null, '', `${LIST}&after=Q1`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'ADS' } });
    expect(window.location.search).toBe(`${LIST.slice(1)}&source=ADS`);
  });
});

const detail = (over: Partial<ContactDetail> = {}): ContactDetail => ({
  ...contact(1, { conversions: 1, reachability: 'reachable' }),
  touches: [
    { time: '2025-03-10T12:58:00.000Z', source: 'ADS', ref: null, adId: '120210000000011', opensThread: true },
    { time: '2025-03-12T09:00:00.000Z', source: 'SHORTLINK', ref: 'spring-qr', adId: null, opensThread: false },
  ],
  conversionsList: [
    { time: '2025-03-10T15:30:00.000Z', event: 'purchase', value: 45, currency: 'EUR', creditedSource: 'ADS' },
  ],
  sendOutcomes: [
    { time: '2025-03-11T10:00:00.000Z', outcome: 'unreachable', errorCode: 551 },
    { time: '2025-03-13T10:00:00.000Z', outcome: 'delivered', errorCode: null },
  ],
  ...over,
});

describe("a contact's timeline", () => {
  it('opens from the list, shows touches, conversions with value, block and unblock, and back keeps the filters', async () => {
    mockApi('viewer', {
      [api('&source=ADS')]: { rows: [contact(1)], nextCursor: null },
      'GET /api/contacts/c1': detail(),
      [CAMPAIGNS]: { rows: [{ id: '120210000000001', name: 'Spring sale' }] },
    });
    renderAt(`${LIST}&source=ADS`);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(within(rows()[0]!).getByRole('link'));
    expect(window.location.search).toBe(`${LIST.slice(1)}&source=ADS&contact=c1`);
    await screen.findByTestId('contact-first-seen');
    expect(screen.getByTestId('contact-origin').textContent).toBe('Ads, ad 120210000000011, campaign Spring sale');
    const events = screen.getAllByTestId('timeline-event').map((li) => li.textContent);
    expect(events).toEqual([
      `${formatMoment('2025-03-10T12:58:00.000Z')}Started the conversation from Ads, ad 120210000000011`,
      `${formatMoment('2025-03-10T13:00:00.000Z')}Their last message to the page`,
      `${formatMoment('2025-03-10T15:30:00.000Z')}Converted: purchase, ${formatMoney(45, 'EUR')} · Credited to Ads`,
      `${formatMoment('2025-03-11T10:00:00.000Z')}Blocked the page or deleted the conversation · Send API error 551`,
      `${formatMoment('2025-03-12T09:00:00.000Z')}Came back from m.me link, ref spring-qr`,
      `${formatMoment('2025-03-13T10:00:00.000Z')}Reachable again: a message to them was delivered`,
    ]);
    expect(screen.getAllByTestId('timeline-event')[3]!.className).toContain('block');

    fireEvent.click(screen.getByRole('link', { name: '← Back to the contacts' }));
    expect(window.location.search).toBe(`${LIST.slice(1)}&source=ADS`);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('ADS');
  });

  it('says so when the contact is not in this workspace, and retries other errors', async () => {
    mockApi('viewer', { 'GET /api/contacts/gone': () => answer(404, { message: 'id: gone is not a contact' }) });
    renderAt(`${LIST}&contact=gone`);
    expect((await screen.findByRole('alert')).textContent).toContain('This contact is not in this workspace');
    cleanup();

    let calls = 0;
    mockApi('viewer', {
      'GET /api/contacts/c1': () => (++calls === 1 ? answer(503, { message: 'Try again.' }) : answer(200, detail())),
    });
    renderAt(`${LIST}&contact=c1`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the contact: Try again.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('contact-first-seen');
  });
});
