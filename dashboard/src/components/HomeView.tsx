import { useHealthQuery } from '../data/health/health-query';
import { SyncStatus } from './SyncStatus';

/** Status: whether the service is up and how fresh the ad data is. */
export function HomeView() {
  const health = useHealthQuery();
  return (
    <>
      <p>Click-to-Messenger analytics: which ads and m.me links bring new contacts, who converts, who blocks.</p>
      <section aria-labelledby="status-title" className="card">
        <h2 id="status-title">Service status</h2>
        {health.isPending && <p>Checking the service…</p>}
        {health.isError && (
          <p role="alert">
            The API did not answer: {health.error.message}{' '}
            <button type="button" onClick={() => void health.refetch()}>
              Retry
            </button>
          </p>
        )}
        {health.data && (
          <dl>
            <dt>API</dt>
            <dd data-testid="api-status">{health.data.status}</dd>
            <dt>Database</dt>
            <dd data-testid="db-status">{health.data.db}</dd>
            <dt>Version</dt>
            <dd>{health.data.version}</dd>
          </dl>
        )}
      </section>
      <SyncStatus />
    </>
  );
}
