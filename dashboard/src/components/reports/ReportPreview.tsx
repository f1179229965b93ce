import { useReportQuery, type ReportFigure } from '../../data/reports/report-query';
import { formatRange } from '../../lib/date-range';
import { hrefWith } from '../../lib/url-state';
import { Link } from '../Link';
import { FigureCard } from '../overview/FigureCard';

/** The FigureCard's shape: a figure beside the previous period's, its change worked out. */
const compared = (f: ReportFigure) => ({
  value: f.value,
  previous: f.previous,
  change: f.value !== null && f.previous !== null ? f.value - f.previous : null,
  relativeChange: f.relativeChange,
  improved: f.improved,
});

/** A report's headline figures as it holds them (not as today's data would say). */
export function ReportPreview({ id }: { id: string }) {
  const report = useReportQuery(id);
  return (
    <section className="card" aria-labelledby="report-preview-title" data-testid="report-preview">
      <div className="report-preview-head">
        <h2 id="report-preview-title">{report.data ? `Report of ${formatRange(report.data.range)}` : 'Report'}</h2>
        <Link href={hrefWith({ report: undefined })}>Close the preview</Link>
      </div>
      {report.isPending ? (
        <div aria-busy="true">
          <p className="visually-hidden">Loading the report…</p>
          <div className="figure-grid">
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="skeleton figure-skeleton" />
            ))}
          </div>
        </div>
      ) : report.isError ? (
        <p role="alert">
          Could not load this report: {report.error.message}{' '}
          <button type="button" onClick={() => void report.refetch()}>
            Retry
          </button>
        </p>
      ) : !report.data.content ? (
        <p className="empty">
          {report.data.status === 'failed'
            ? `This report could not be made: ${report.data.error ?? 'no reason recorded'}. Make it again above.`
            : 'This report is still being made; it appears here in a moment.'}
        </p>
      ) : (
        <>
          <p className="hint">
            Compared with {formatRange(report.data.comparison)} · days in {report.data.content.workspace.timeZone} ·{' '}
            {report.data.content.campaigns.length} campaigns · {report.data.content.warnings.blockRate.length}{' '}
            block-rate warnings
          </p>
          <section aria-label="Observed figures" className="figure-grid">
            {report.data.content.headline.observed.map((f) => (
              <FigureCard key={f.id} id={f.id} label={f.label} unit={f.unit} figure={compared(f)} comparing />
            ))}
          </section>
          {report.data.content.headline.byCurrency.map(({ currency, figures }) => (
            <section key={currency} aria-labelledby={`report-currency-${currency}`}>
              <h3 id={`report-currency-${currency}`} className="currency-title">
                Ads in {currency}
              </h3>
              <div className="figure-grid">
                {figures.map((f) => (
                  <FigureCard
                    key={f.id}
                    id={`${f.id}-${currency}`}
                    label={f.label}
                    unit={f.unit}
                    currency={currency}
                    figure={compared(f)}
                    comparing
                  />
                ))}
              </div>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
