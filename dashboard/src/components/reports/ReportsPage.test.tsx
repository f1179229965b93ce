import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportSummary } from '../../data/reports/reports-query';
import { answer, mockApi, never, renderAt } from '../../test/app-harness';

configure({ asyncUtilTimeout: 5000 });

// a range long past: no preset covers it, whatever today is
const PAGE = '/?view=reports&from=2025-03-03&to=2025-03-09';

const summary = (over: Partial<ReportSummary> = {}): ReportSummary => ({
  id: '6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  kind: 'weekly',
  week: '2025-W10',
  range: { from: '2025-03-03', to: '2025-03-09' },
  comparison: { from: '2025-02-24', to: '2025-03-02' },
  status: 'ready',
  error: null,
  requestedBy: 'schedule',
  createdAt: '2025-03-10T05:00:00.000Z',
  generatedAt: '2025-03-10T05:00:01.000Z',
  freshness: { lastSyncAt: '2025-03-10T04:05:00.000Z', lastWebhookAt: null },
  delivery: null,
  ...over,
});

const figure = (id: string, label: string, unit: string, value: number, previous: number) => ({
  id,
  label,
  unit,
  value,
  previous,
  relativeChange: (value - previous) / previous,
  improved: value > previous,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Reports page', () => {
  it('shows a skeleton while the history loads, then says what to do when there is none', async () => {
    let release: (r: Response) => void = () => {};
    mockApi('analyst', { 'GET /api/reports': () => new Promise<Response>((r) => (release = r)) });
    renderAt(PAGE);
    await screen.findByTestId('reports-loading');
    release(answer(200, { reports: [] }));
    const empty = await screen.findByTestId('reports-empty');
    expect(empty.textContent).toContain('The first weekly report is made next Monday morning');
  });

  it('lists reports with their freshness, downloads and e-mail status, a failed send with its reason', async () => {
    mockApi('viewer', {
      'GET /api/reports': {
        reports: [
          summary({
            delivery: {
              recipients: ['ana@example.com'],
              status: 'failed',
              attempts: 6,
              nextAttemptAt: null,
              lastError: '451 Mailbox busy',
              sentAt: null,
            },
          }),
        ],
      },
    });
    renderAt(PAGE);
    const row = await screen.findByTestId('report-6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b');
    expect(within(row).getByText('Week 2025-W10')).toBeTruthy();
    expect(within(row).getByText(/^Webhook: never$/)).toBeTruthy();
    expect(within(row).getByText('E-mail failed after 6 attempts: 451 Mailbox busy')).toBeTruthy();
    expect(
      within(row)
        .getByRole('link', { name: /^PDF of / })
        .getAttribute('href'),
    ).toBe('/api/reports/6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b/download?format=pdf');
    // viewers read and download, but do not make reports
    expect(screen.queryByRole('button', { name: /^Make a report of / })).toBeNull();
  });

  it('makes a report of the chosen days and previews its figures, in the URL', async () => {
    const made = {
      ...summary({ kind: 'custom', week: null, id: '7a1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b' }),
      content: {
        workspace: { slug: 'demo', name: 'Demo', timeZone: 'Europe/Madrid' },
        currencies: ['EUR'],
        headline: {
          observed: [figure('newContacts', 'New contacts', 'count', 1234, 1000)],
          byCurrency: [{ currency: 'EUR', figures: [figure('spend', 'Spend', 'money', 812.5, 700)] }],
        },
        campaigns: [],
        warnings: { blockRate: [], policy: [] },
        reconciliation: { metaConversationsStarted: 0, observedNewContacts: 0, gap: 0 },
      },
    };
    const calls = mockApi('analyst', {
      'GET /api/reports': { reports: [] },
      'POST /api/reports': () => answer(201, made),
      [`GET /api/reports/${made.id}`]: never,
    });
    renderAt(PAGE);
    fireEvent.click(await screen.findByRole('button', { name: /^Make a report of / }));
    const preview = await screen.findByTestId('report-preview');
    await waitFor(() =>
      expect(within(preview).getByTestId('figure-newContacts').textContent).toContain(
        new Intl.NumberFormat().format(1234),
      ),
    );
    expect(within(preview).getByTestId('figure-spend-EUR').textContent).toContain(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(812.5),
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(new URLSearchParams(window.location.search).get('report')).toBe(made.id);
  });

  it('says why a report could not be made, with Retry', async () => {
    mockApi('analyst', {
      'GET /api/reports': { reports: [] },
      'POST /api/reports': () => answer(400, { message: 'to: 2025-03-09 is after today (2025-03-08 in UTC).' }),
    });
    renderAt(PAGE);
    fireEvent.click(await screen.findByRole('button', { name: /^Make a report of / }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not make the report: to: 2025-03-09 is after today');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
