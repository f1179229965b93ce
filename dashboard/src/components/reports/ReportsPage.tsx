import type { Role } from '../../data/auth/me-query';
import { rangeFromParams, today } from '../../lib/date-range';
import { roleAtLeast } from '../../lib/roles';
import { useSearchParams } from '../../lib/url-state';
import { ReportForm } from './ReportForm';
import { ReportHistory } from './ReportHistory';
import { ReportPreview } from './ReportPreview';
import './reports.css';

/** Reports: the history (weekly ones made every Monday, custom ones on demand), a preview, downloads. */
export function ReportsPage({ role }: { role: Role }) {
  const params = useSearchParams();
  const state = rangeFromParams(params, today());
  const selected = params.get('report');
  return (
    <>
      <section className="card" aria-labelledby="reports-title">
        <h2 id="reports-title">Reports</h2>
        <p className="hint">
          A weekly report of each workspace is made every Monday morning in its time zone, against the week before; make
          one for any days here. Each downloads as PDF, XLSX or CSV, with the figures as they were when it was made.
        </p>
        {roleAtLeast(role, 'analyst') ? (
          <ReportForm state={state} />
        ) : (
          <p className="hint">Analysts and above can make a report of other days.</p>
        )}
      </section>
      {selected && <ReportPreview id={selected} />}
      <ReportHistory selected={selected} />
    </>
  );
}
