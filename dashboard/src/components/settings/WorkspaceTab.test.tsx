import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, mockApi, renderAt } from '../../test/app-harness';

const TAB = '/?view=settings&tab=workspace';
const settings = (over: object = {}) => ({
  id: '06e568ec-d097-4bb4-b83f-541f7c433eda',
  slug: 'demo',
  name: 'Demo workspace',
  timeZone: 'UTC',
  blockRateThreshold: 0.05,
  blockRateMinContacts: 30,
  attributionModel: 'first_touch',
  attributionWindowDays: 7,
  recomputing: false,
  ...over,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings › Workspace', () => {
  it('says it is loading, then shows the settings, the threshold as a percent', async () => {
    let release: (r: Response) => void = () => {};
    mockApi('admin', { 'GET /api/workspace': () => new Promise<Response>((r) => (release = r)) });
    renderAt(TAB);
    expect(await screen.findByText('Loading the workspace settings…')).toBeTruthy();
    release(answer(200, settings()));
    expect(((await screen.findByLabelText('Workspace name')) as HTMLInputElement).value).toBe('Demo workspace');
    expect((screen.getByLabelText('Threshold (%)') as HTMLInputElement).value).toBe('5');
    expect((screen.getByLabelText('Minimum new contacts') as HTMLInputElement).value).toBe('30');
    expect((screen.getByLabelText('Window (days)') as HTMLInputElement).value).toBe('7');
    expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe('UTC');
    expect((screen.getByRole('radio', { name: /^First touch/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the API's sentence when the settings fail, and retries on request", async () => {
    let fail = true;
    mockApi('admin', {
      'GET /api/workspace': () => (fail ? answer(500, { message: 'Internal server error' }) : answer(200, settings())),
    });
    renderAt(TAB);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the workspace settings: Internal server error');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText('Workspace name')).toBeTruthy();
  });

  it('finds a time zone by search, saves only what changed, and says the figures are being recomputed', async () => {
    let current = settings();
    const calls = mockApi('admin', {
      'GET /api/workspace': () => answer(200, current),
      'PATCH /api/workspace': (call) => {
        current = settings({ ...(call.body as object), recomputing: true });
        return answer(200, { ...current, notice: 'Figures are being recomputed in the background.' });
      },
    });
    renderAt(TAB);
    fireEvent.change(await screen.findByLabelText('Search time zones'), { target: { value: 'madrid' } });
    const select = screen.getByLabelText('Time zone') as HTMLSelectElement;
    expect(select.value).toBe('Europe/Madrid');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Europe/Madrid']);
    fireEvent.click(screen.getByRole('radio', { name: /^Last touch/ }));
    fireEvent.change(screen.getByLabelText('Threshold (%)'), { target: { value: '7.5' } });
    expect(screen.getByText(/^Saving recomputes the figures in the background/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByTestId('recomputing')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      timeZone: 'Europe/Madrid',
      attributionModel: 'last_touch',
      blockRateThreshold: 0.075,
    });
    expect(screen.getByText(/^Saved\. Figures are being recomputed in the background/)).toBeTruthy();
    // the API finishes: the note goes, and the figures are asked again
    current = { ...current, recomputing: false };
    await waitFor(() => expect(screen.queryByTestId('recomputing')).toBeNull(), { timeout: 5_000 });
    expect(screen.getByText(/^Figures are recomputed/)).toBeTruthy();
  });

  it("shows the API's sentence when it refuses a change", async () => {
    mockApi('admin', {
      'GET /api/workspace': settings(),
      'PATCH /api/workspace': () =>
        answer(400, {
          message: 'attributionWindowDays: attributionWindowDays must be a whole number of days between 1 and 90',
        }),
    });
    renderAt(TAB);
    fireEvent.change(await screen.findByLabelText('Window (days)'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/between 1 and 90/);
  });

  it('shows viewers the settings read-only', async () => {
    mockApi('viewer', { 'GET /api/workspace': settings({ timeZone: 'Europe/Madrid' }) });
    renderAt(TAB);
    expect((await screen.findByLabelText('Workspace name')).matches(':disabled')).toBe(true);
    expect(screen.getByLabelText('Time zone').matches(':disabled')).toBe(true);
    expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe('Europe/Madrid');
    expect(screen.getByRole('note').textContent).toBe(
      'Only admins and owners can change these settings; your role is viewer.',
    );
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
  });
});
