import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hrefFor, hrefWith, navigate, useSearchParams } from './url-state';
import { useView, viewHref } from './views';

function Probe() {
  const params = useSearchParams();
  const { view } = useView();
  return (
    <p data-testid="probe">
      {view} {params.get('tab') ?? '-'}
    </p>
  );
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('view state in the URL', () => {
  it.each([
    [{ view: 'settings', tab: 'tokens' }, '/?view=settings&tab=tokens'],
    [{ view: 'settings', tab: undefined, limit: 200 }, '/?view=settings&limit=200'],
    [{ view: '', tab: null }, '/'],
    [{ q: 'a b&c' }, '/?q=a+b%26c'],
  ])('hrefFor(%o) is %s', (params, href) => {
    expect(hrefFor(params)).toBe(href);
  });

  it('changes one parameter and keeps the others', () => {
    window.history.replaceState(null, '', '/?view=settings&tab=audit');
    expect(hrefWith({ limit: 200 })).toBe('/?view=settings&tab=audit&limit=200');
    expect(hrefWith({ tab: undefined })).toBe('/?view=settings');
  });

  it('names the Overview without a parameter and treats an unknown view as the Overview', () => {
    expect(viewHref('overview')).toBe('/');
    expect(viewHref('settings', { tab: 'members' })).toBe('/?view=settings&tab=members');
    window.history.replaceState(null, '', '/?view=nowhere');
    render(<Probe />);
    expect(screen.getByTestId('probe').textContent).toBe('overview -');
  });

  it('re-renders on navigate, and on the back button', async () => {
    render(<Probe />);
    expect(screen.getByTestId('probe').textContent).toBe('overview -');
    act(() => navigate('/?view=settings&tab=tokens'));
    expect(screen.getByTestId('probe').textContent).toBe('settings tokens');
    expect(window.history.length).toBeGreaterThan(1);
    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    expect(screen.getByTestId('probe').textContent).toBe('overview -');
  });
});
