import { useAccountsQuery } from '../data/sync/accounts-query';
import { useRunsQuery } from '../data/sync/runs-query';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** Data freshness: each ad account's connection and last sync, and the latest sync runs with their progress. */
export function SyncStatus() {
  const accounts = useAccountsQuery();
  const runs = useRunsQuery(8);
  return (
    <section className="card" aria-labelledby="sync-title">
      <h2 id="sync-title">Ad accounts and syncs</h2>
      {accounts.isError && <p role="alert">Could not load the ad accounts: {accounts.error.message}</p>}
      {accounts.data?.length === 0 && (
        <p>
          No ad account is connected: set META_ACCESS_TOKEN and META_AD_ACCOUNT_IDS, or start without them for the demo.
        </p>
      )}
      {accounts.data && accounts.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Currency / time zone</th>
              <th scope="col">Connection</th>
              <th scope="col">Insights synced</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.map((a) => (
              <tr key={`${a.workspaceId}/${a.id}`} data-testid="account-row">
                <td>{a.name ?? a.id}</td>
                <td>
                  {a.currency ?? '–'} / {a.timezoneName ?? '–'}
                </td>
                <td>
                  {a.connectionStatus === 'ok' ? (
                    'ok'
                  ) : (
                    <strong role="alert">{a.connectionError ?? a.connectionStatus}</strong>
                  )}
                </td>
                <td>{when(a.insightsSyncedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.data && runs.data.length > 0 && (
        <>
          <h3>Latest runs</h3>
          <ul className="runs">
            {runs.data.map((r) => (
              <li key={r.id} data-testid="run">
                {r.kind} {r.accountId} {r.since}…{r.until}: <strong>{r.status}</strong>, {r.daysDone}/{r.daysTotal}{' '}
                days, {r.rowsWritten.toLocaleString()} rows, {r.requests} requests{r.error ? ` — ${r.error}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
