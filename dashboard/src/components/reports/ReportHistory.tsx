import { downloadPath, useReportsQuery, type ReportSummary } from '../../data/reports/reports-query';
import { formatRange } from '../../lib/date-range';
import { when } from '../../lib/format';
import { hrefWith } from '../../lib/url-state';
import { Link } from '../Link';

const FORMATS = [
  { format: 'pdf', label: 'PDF' },
  { format: 'xlsx', label: 'XLSX' },
  { format: 'csv', label: 'CSV (zip)' },
] as const;

/** Every report of the workspace, latest days first: when made, how fresh its data was, its e-mail, downloads. */
export function ReportHistory({ selected }: { selected: string | null }) {
  const reports = useReportsQuery();
  return (
    <section className="card" aria-labelledby="report-history-title">
      <h2 id="report-history-title">History</h2>
      {reports.isPending ? (
        <div aria-busy="true" data-testid="reports-loading">
          <p className="visually-hidden">Loading the reports…</p>
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className="skeleton report-row-skeleton" />
          ))}
        </div>
      ) : reports.isError ? (
        <p role="alert">
          Could not load the reports: {reports.error.message}{' '}
          <button type="button" onClick={() => void reports.refetch()}>
            Retry
          </button>
        </p>
      ) : reports.data.reports.length === 0 ? (
        <div className="empty" data-testid="reports-empty">
          <p>
            <strong>No report yet.</strong>
          </p>
          <p>
            The first weekly report is made next Monday morning. To have one now, choose the days above and make a
            report of them.
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="report-history">
            <thead>
              <tr>
                <th scope="col">Days</th>
                <th scope="col">Report</th>
                <th scope="col">Generated</th>
                <th scope="col">Data as of</th>
                <th scope="col">Status</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.reports.map((r) => (
                <Row key={r.id} report={r} selected={r.id === selected} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ report: r, selected }: { report: ReportSummary; selected: boolean }) {
  const days = formatRange(r.range);
  return (
    <tr aria-current={selected ? 'true' : undefined} data-testid={`report-${r.id}`}>
      <th scope="row">
        <Link href={hrefWith({ report: r.id })} aria-label={`Preview the report of ${days}`}>
          {days}
        </Link>
      </th>
      <td data-label="Report">{r.week ? `Week ${r.week}` : 'Custom range'}</td>
      <td data-label="Generated">
        {when(r.generatedAt, 'not yet')}
        <span className="hint"> by {r.requestedBy}</span>
      </td>
      <td className="report-freshness" data-label="Data as of">
        <span>Ads sync: {when(r.freshness.lastSyncAt)}</span>
        <span>Webhook: {when(r.freshness.lastWebhookAt)}</span>
      </td>
      <td data-label="Status">
        <Status report={r} />
      </td>
      <td data-label="Download">
        {r.status === 'ready' ? (
          <span className="report-downloads">
            {FORMATS.map(({ format, label }) => (
              <a key={format} href={downloadPath(r.id, format)} download aria-label={`${label} of ${days}`}>
                {label}
              </a>
            ))}
          </span>
        ) : (
          '–'
        )}
      </td>
    </tr>
  );
}

function Status({ report: r }: { report: ReportSummary }) {
  const made = r.status === 'ready' ? 'Ready' : r.status === 'generating' ? 'Being made' : `Failed: ${r.error ?? ''}`;
  const d = r.delivery;
  return (
    <>
      <span className={`report-status ${r.status}`}>{made}</span>
      {d && (
        <span className={`report-delivery ${d.status}`}>
          {d.status === 'sent'
            ? `E-mailed ${when(d.sentAt)}`
            : d.status === 'failed'
              ? `E-mail failed after ${d.attempts} attempts: ${d.lastError ?? ''}`
              : d.attempts > 0
                ? `E-mail retrying ${when(d.nextAttemptAt)} (${d.lastError ?? 'failed'})`
                : 'E-mail queued'}
        </span>
      )}
    </>
  );
}
