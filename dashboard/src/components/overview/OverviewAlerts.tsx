import { useAlertsQuery, type AlertSeverity } from '../../data/alerts/alerts-query';
import { QueryStatus } from '../QueryStatus';

const RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
const WORD: Record<AlertSeverity, string> = { critical: 'Critical', warning: 'Warning', info: 'Note' };

/** What needs attention now, worst first. */
export function OverviewAlerts() {
  const alerts = useAlertsQuery();
  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      <QueryStatus
        query={alerts}
        what="the alerts"
        isEmpty={(data) => data.alerts.length === 0}
        empty={<p className="hint">Nothing needs attention.</p>}
      >
        {(data) => (
          <ul className="alert-list">
            {[...data.alerts]
              .sort((a, b) => RANK[a.severity] - RANK[b.severity])
              .map((alert) => (
                <li key={alert.id} className={`alert-item ${alert.severity}`} data-testid="overview-alert">
                  <strong className="severity">{WORD[alert.severity]}</strong> {alert.message}
                </li>
              ))}
          </ul>
        )}
      </QueryStatus>
    </section>
  );
}
