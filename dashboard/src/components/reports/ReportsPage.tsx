import type { Role } from '../../data/auth/me-query';

// PLACEHOLDER: this page is built under issue #8 (Dashboard); until then it says so on screen.
/** Reports: not built yet. */
export function ReportsPage(_props: { role: Role }) {
  return (
    <section className="card notice" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      <p>
        Weekly reports (PDF, XLSX, CSV) and their history are not built yet (issue #8, Dashboard). The Overview and
        Settings work today.
      </p>
    </section>
  );
}
