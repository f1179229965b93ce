import { useAlertsQuery } from '../../data/alerts/alerts-query';
import { useLastSyncQuery } from '../../data/overview/last-sync-query';
import { adDataLine, webhookLines, type FreshnessLine } from './freshness';

/** How fresh the figures are: the last ad sync and the webhooks, with a warning look when stale. */
export function DataFreshness() {
  const sync = useLastSyncQuery();
  const alerts = useAlertsQuery();
  const now = Date.now();
  const list = alerts.data?.alerts ?? [];
  const retry = (refetch: () => unknown, what: string) => (
    <li className="freshness-item" role="alert">
      Could not check {what}.{' '}
      <button type="button" onClick={() => void refetch()}>
        Retry
      </button>
    </li>
  );

  return (
    <section className="card" aria-labelledby="freshness-title">
      <h2 id="freshness-title">Data freshness</h2>
      <ul className="freshness" data-testid="freshness">
        {sync.data ? (
          <Line line={adDataLine(sync.data, list, now)} id="freshness-ads" />
        ) : sync.isError ? (
          retry(sync.refetch, 'the ad sync')
        ) : (
          <li className="freshness-item hint">Checking the ad sync…</li>
        )}
        {alerts.data ? (
          webhookLines(alerts.data.freshness.pages, list, now).map((line, i) => (
            <Line key={i} line={line} id="freshness-webhooks" />
          ))
        ) : alerts.isError ? (
          retry(alerts.refetch, 'the webhooks')
        ) : (
          <li className="freshness-item hint">Checking the webhooks…</li>
        )}
      </ul>
    </section>
  );
}

function Line({ line, id }: { line: FreshnessLine; id: string }) {
  return (
    <li className={`freshness-item${line.stale ? ' stale-data' : ''}`} data-testid={id} data-stale={line.stale}>
      {line.stale && <strong className="severity">Stale: </strong>}
      <span title={line.at ? new Date(line.at).toLocaleString() : undefined}>{line.text}</span>
      {line.why && <span className="hint"> {line.why}</span>}
    </li>
  );
}
