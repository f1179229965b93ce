import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RefLink } from '../../data/links/links-query';
import type { Compared } from '../../data/overview/overview-query';
import { answer, mockApi, never, renderAt, type Call } from '../../test/app-harness';

const URL = '/?view=ref-links&from=2025-03-04&to=2025-03-06';
const REPORT = (page: string) => `GET /api/ref-links?from=2025-03-04&to=2025-03-06&page=${page}`;
const PAGES = [
  { id: '111', name: 'Casa Verde', username: 'casaverde', url: 'https://m.me/casaverde' },
  { id: '222', name: 'Casa Azul', username: null, url: 'https://m.me/222' },
];
const fig = (value: number | null): Compared => ({
  value,
  previous: null,
  change: null,
  relativeChange: null,
  improved: null,
});
const row = (ref: string, newContacts: number, conversions: number, source = 'SHORTLINK') => ({
  source,
  ref,
  metrics: {
    newContacts: fig(newContacts),
    conversions: fig(conversions),
    conversionRate: fig(conversions / newContacts),
    blockRate: fig(0.05),
  },
  revenue: [],
  significance: null,
  trend: [
    { day: '2025-03-04', newContacts: newContacts - 1, conversions: 0 },
    { day: '2025-03-05', newContacts: 1, conversions },
    { day: '2025-03-06', newContacts: 0, conversions: 0 },
  ],
});
const report = (rows: ReturnType<typeof row>[]) => ({
  range: { from: '2025-03-04', to: '2025-03-06' },
  comparison: null,
  timeZone: 'Europe/Madrid',
  metrics: [
    { id: 'newContacts', label: 'New contacts', unit: 'count', better: 'higher' },
    { id: 'conversions', label: 'Conversions', unit: 'count', better: 'higher' },
    { id: 'conversionRate', label: 'Conversion rate', unit: 'ratio', better: 'higher' },
    { id: 'blockRate', label: 'Block rate', unit: 'ratio', better: 'lower' },
  ],
  rows,
});
const link = (over: Partial<RefLink>): RefLink => ({
  id: '3f1c2a9e-5b7d-4c1e-9a2b-7d6e5f4a3b2c',
  pageId: '111',
  pageName: 'Casa Verde',
  ref: 'spring_sale',
  label: 'Spring poster',
  campaignTag: 'spring-2026',
  note: null,
  url: 'https://m.me/casaverde?ref=spring_sale',
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  createdBy: 'ana@example.test',
  ...over,
});
const POSTER = link({});
const FLYER = link({
  id: '5a6b7c8d-0000-4000-8000-000000000002',
  ref: 'qr-flyer',
  label: 'Flyer at the market',
  campaignTag: null,
  url: 'https://m.me/casaverde?ref=qr-flyer',
});

const WORLD = {
  'GET /api/links/pages': PAGES,
  'GET /api/links': [POSTER, FLYER],
  [REPORT('111')]: report([row('spring_sale', 40, 4), row('plugin_home', 12, 1, 'CUSTOMER_CHAT_PLUGIN')]),
  [REPORT('222')]: report([row('newsletter', 25, 5)]),
};

const tableRows = () => within(screen.getByTestId('ref-leaderboard')).getAllByRole('row').slice(1);
const refsInOrder = () => tableRows().map((r) => r.getAttribute('data-ref'));
const cell = (ref: string, metric: string) =>
  tableRows()
    .find((r) => r.getAttribute('data-ref') === ref)!
    .querySelector(`[data-metric="${metric}"] .cell-value`)!.textContent;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Ref links page', () => {
  it('shows a skeleton while the pages load', async () => {
    mockApi('viewer', { 'GET /api/links/pages': never, 'GET /api/links': never });
    renderAt(URL);
    expect(await screen.findByTestId('ref-links-loading')).toBeTruthy();
  });

  it('says what went wrong, and Retry loads the leaderboard', async () => {
    let fail = true;
    mockApi('viewer', {
      ...WORLD,
      'GET /api/links': () => (fail ? answer(500, { message: 'database down' }) : answer(200, [POSTER])),
    });
    renderAt(URL);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the ref links: database down');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('ref-leaderboard');
    expect(refsInOrder()).toEqual(['spring_sale', 'newsletter', 'plugin_home']);
  });

  it('says what to do next when no ref brought anyone and none is registered', async () => {
    mockApi('analyst', { ...WORLD, 'GET /api/links': [], [REPORT('111')]: report([]), [REPORT('222')]: report([]) });
    renderAt(URL);
    const empty = await screen.findByTestId('ref-links-empty');
    expect(within(empty).getByRole('link', { name: 'Create an m.me link' }).getAttribute('href')).toContain('link=new');
  });

  it('says so when the workspace has no page to link to', async () => {
    mockApi('viewer', { ...WORLD, 'GET /api/links/pages': [] });
    renderAt(URL);
    expect((await screen.findByTestId('ref-links-no-pages')).textContent).toContain('No Messenger page is connected');
  });

  it('joins the figures of each page to the registered links, with zeros for a link nobody used yet', async () => {
    mockApi('viewer', WORLD);
    renderAt(URL);
    await screen.findByTestId('ref-leaderboard');
    expect(refsInOrder()).toEqual(['spring_sale', 'newsletter', 'plugin_home', 'qr-flyer']);
    const poster = tableRows()[0]!;
    expect(poster.textContent).toContain('Spring poster');
    expect(poster.textContent).toContain('spring-2026');
    expect(poster.textContent).toContain('Casa Verde');
    expect(cell('spring_sale', 'newContacts')).toBe('40');
    expect(cell('spring_sale', 'conversionRate')).toBe('10%');
    expect(cell('newsletter', 'newContacts')).toBe('25');
    expect(tableRows()[1]!.textContent).toContain('Casa Azul');
    expect(cell('qr-flyer', 'newContacts')).toBe('0');
    expect(cell('qr-flyer', 'conversionRate')).toBe('–');
    expect(tableRows()[3]!.textContent).toContain('No visits yet');
    expect(within(poster).getByRole('img').getAttribute('aria-label')).toBe(
      'New contacts per day for Spring poster, Mar 4 to Mar 6: 40 in all, most on Mar 4 (39)',
    );
  });

  it('compares with the previous period: each figure’s change, good news and bad told apart', async () => {
    const compared = row('spring_sale', 40, 4);
    compared.metrics.newContacts = { value: 40, previous: 32, change: 8, relativeChange: 0.25, improved: true };
    compared.metrics.blockRate = { value: 0.05, previous: 0.03, change: 0.02, relativeChange: null, improved: false };
    mockApi('viewer', {
      ...WORLD,
      [`${REPORT('111')}&compare=previous`]: {
        ...report([compared]),
        comparison: { from: '2025-03-01', to: '2025-03-03' },
      },
      [`${REPORT('222')}&compare=previous`]: report([]),
    });
    renderAt(`${URL}&compare=previous`);
    await screen.findByTestId('ref-leaderboard');
    const poster = tableRows().find((r) => r.getAttribute('data-ref') === 'spring_sale')!;
    const change = (metric: string) => poster.querySelector(`[data-metric="${metric}"] .cell-change`)!;
    expect(change('newContacts').textContent).toBe('+25%');
    expect(change('newContacts').className).toContain('better');
    expect(change('blockRate').textContent).toBe('+2 pp');
    expect(change('blockRate').className).toContain('worse');
    // a registered link nobody used, in both periods: no change
    const flyer = tableRows().find((r) => r.getAttribute('data-ref') === 'qr-flyer')!;
    expect(flyer.querySelector('[data-metric="newContacts"] .cell-change')!.textContent).toBe('0');
  });

  it('sorts by a header, keeps the sort in the URL, and searches', async () => {
    mockApi('viewer', WORLD);
    renderAt(URL);
    await screen.findByTestId('ref-leaderboard');
    fireEvent.click(screen.getByRole('link', { name: /^Conversion rate/ }));
    await waitFor(() => expect(refsInOrder()).toEqual(['newsletter', 'spring_sale', 'plugin_home', 'qr-flyer']));
    expect(window.location.search).toContain('sort=conversionRate');
    fireEvent.click(screen.getByRole('link', { name: /^Conversion rate/ }));
    await waitFor(() => expect(refsInOrder()).toEqual(['plugin_home', 'spring_sale', 'newsletter', 'qr-flyer']));
    expect(window.location.search).toContain('order=asc');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'market' } });
    await waitFor(() => expect(refsInOrder()).toEqual(['qr-flyer']));
    expect(new URLSearchParams(window.location.search).get('q')).toBe('market');
  });

  it('shows viewers a link’s URL and QR code, without write controls', async () => {
    mockApi('viewer', WORLD);
    renderAt(`${URL}&link=${POSTER.id}`);
    expect((await screen.findByTestId('link-url')).textContent).toBe('https://m.me/casaverde?ref=spring_sale');
    expect(screen.getByRole('img', { name: 'QR code that opens https://m.me/casaverde?ref=spring_sale' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'PNG' }).getAttribute('href')).toBe(`/api/links/${POSTER.id}/qr.png`);
    expect(screen.getByRole('link', { name: 'SVG' }).getAttribute('href')).toBe(`/api/links/${POSTER.id}/qr.svg`);
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'New link' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /^Register/ })).toBeNull();
  });

  it('checks the ref and label before sending, and shows the API’s sentence when it refuses', async () => {
    const calls = mockApi('analyst', {
      ...WORLD,
      'POST /api/links': () =>
        answer(409, {
          statusCode: 409,
          message: 'ref: page 111 already has a link with the ref spring_sale: edit that link, or choose another ref.',
        }),
    });
    renderAt(`${URL}&link=new`);
    const ref = await screen.findByRole('textbox', { name: 'Ref' });
    fireEvent.change(ref, { target: { value: 'spring sale' } });
    expect(ref.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('A ref may contain only letters, digits, -, _ and = (not space).')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create link' }));
    expect(screen.getByText('Enter a label people recognise, e.g. “Poster in the shop window”.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(ref, { target: { value: 'spring_sale' } });
    expect(screen.getByTestId('link-preview').textContent).toBe('The link: https://m.me/casaverde?ref=spring_sale');
    fireEvent.change(screen.getByRole('textbox', { name: 'Label' }), { target: { value: 'Second poster' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create link' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not saved: ref: page 111 already has a link with the ref spring_sale: edit that link, or choose another ref.',
    );
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      pageId: '111',
      ref: 'spring_sale',
      label: 'Second poster',
      campaignTag: null,
      note: null,
    });
  });

  it('registers a ref seen in the figures, prefilled, and opens the new link', async () => {
    const created = link({
      id: '7e7e7e7e-0000-4000-8000-000000000003',
      pageId: '222',
      pageName: 'Casa Azul',
      ref: 'newsletter',
      label: 'Newsletter',
      url: 'https://m.me/222?ref=newsletter',
    });
    const links = [POSTER, FLYER];
    const calls = mockApi('analyst', {
      ...WORLD,
      'GET /api/links': () => answer(200, links),
      'POST /api/links': (call: Call) => {
        links.push(created);
        expect(call.body).toMatchObject({ pageId: '222', ref: 'newsletter' });
        return answer(201, created);
      },
    });
    renderAt(URL);
    await screen.findByTestId('ref-leaderboard');
    fireEvent.click(screen.getByRole('link', { name: 'Register newsletter' }));
    expect(((await screen.findByRole('textbox', { name: 'Ref' })) as HTMLInputElement).value).toBe('newsletter');
    expect((screen.getByRole('combobox', { name: 'Page' }) as HTMLSelectElement).value).toBe('222');
    fireEvent.change(screen.getByRole('textbox', { name: 'Label' }), { target: { value: 'Newsletter' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create link' }));
    expect((await screen.findByTestId('link-url')).textContent).toBe('https://m.me/222?ref=newsletter');
    expect(new URLSearchParams(window.location.search).get('link')).toBe(created.id);
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/links').length).toBeGreaterThan(1);
  });

  it('edits a link and deletes it after asking', async () => {
    const calls = mockApi('analyst', {
      ...WORLD,
      [`PATCH /api/links/${POSTER.id}`]: (call: Call) => answer(200, { ...POSTER, ...(call.body as object) }),
      [`DELETE /api/links/${POSTER.id}`]: POSTER,
    });
    renderAt(`${URL}&link=${POSTER.id}&edit=1`);
    const label = await screen.findByRole('textbox', { name: 'Label' });
    expect((label as HTMLInputElement).value).toBe('Spring poster');
    fireEvent.change(label, { target: { value: 'Spring poster, window' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Campaign tag/ }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByTestId('link-url');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      pageId: '111',
      ref: 'spring_sale',
      label: 'Spring poster, window',
      campaignTag: null,
      note: null,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete Spring poster' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete link' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('link')).toBeNull());
  });
});
