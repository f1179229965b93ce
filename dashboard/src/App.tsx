import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FirstRunScreen } from './components/auth/FirstRunScreen';
import { SignInScreen } from './components/auth/SignInScreen';
import { Shell } from './components/Shell';
import { useFirstRunQuery } from './data/auth/first-run-query';
import { authKeys } from './data/auth/keys';
import { useMeQuery } from './data/auth/me-query';
import { ApiError, onUnauthorized } from './lib/api-fetch';

/** Signed in: the dashboard. Not signed in: the first-run screen on a fresh installation, else sign-in. */
export function App() {
  const client = useQueryClient();
  const me = useMeQuery();
  const signedOut = me.error instanceof ApiError && me.error.status === 401;
  const firstRun = useFirstRunQuery({ enabled: signedOut });

  // a session that ends while the dashboard is open (expired, signed out elsewhere): back to sign-in
  useEffect(
    () =>
      onUnauthorized(() => {
        if (client.getQueryData(authKeys.me())) void client.resetQueries({ queryKey: authKeys.me() });
      }),
    [client],
  );

  if (me.data) return <Shell me={me.data} />;
  if (signedOut && firstRun.data) {
    return firstRun.data.needed ? <FirstRunScreen workspace={firstRun.data.workspace} /> : <SignInScreen />;
  }
  if (me.isError && !signedOut) {
    return (
      <main className="shell">
        <p role="alert">
          The API did not answer: {me.error.message}{' '}
          <button type="button" onClick={() => void me.refetch()}>
            Retry
          </button>
        </p>
      </main>
    );
  }
  return (
    <main className="shell">
      <p>Loading…</p>
    </main>
  );
}
