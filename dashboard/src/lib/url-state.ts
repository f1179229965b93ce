import { useMemo, useSyncExternalStore } from 'react';

// View state lives in the URL's query string, so a link can be shared, a reload keeps the view and
// the back button works. navigate() tells the hooks; popstate covers back and forward.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentSearch = () => window.location.search;

/** The current query string's parameters; the component re-renders when they change. */
export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, currentSearch, () => '');
  return useMemo(() => new URLSearchParams(search), [search]);
}

export type Params = Record<string, string | number | undefined | null>;

/** A URL on the current path with exactly these parameters (empty ones left out). */
export function hrefFor(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const query = search.toString();
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

/** The current URL with some parameters changed (undefined or null removes one). */
export function hrefWith(changes: Params): string {
  const merged: Params = Object.fromEntries(new URLSearchParams(window.location.search));
  return hrefFor({ ...merged, ...changes });
}

/** Goes to a URL of this app without reloading; `replace` for changes the back button should skip. */
export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  for (const listener of listeners) listener();
}
