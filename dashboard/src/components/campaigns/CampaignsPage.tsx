import type { Role } from '../../data/auth/me-query';

// PLACEHOLDER: this page is built under issue #8 (Dashboard); until then it says so on screen.
/** Campaigns: not built yet. */
export function CampaignsPage(_props: { role: Role }) {
  return (
    <section className="card notice" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">Campaigns</h2>
      <p>
        The campaign table, drill-down, side-by-side comparison and reconciliation are not built yet (issue #8,
        Dashboard). The Overview and Settings work today.
      </p>
    </section>
  );
}
