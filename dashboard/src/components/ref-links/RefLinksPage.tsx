import type { Role } from '../../data/auth/me-query';

// PLACEHOLDER: this page is built under issue #8 (Dashboard); until then it says so on screen.
/** Ref links: not built yet. */
export function RefLinksPage(_props: { role: Role }) {
  return (
    <section className="card notice" aria-labelledby="ref-links-title">
      <h2 id="ref-links-title">Ref links</h2>
      <p>
        The ref-link leaderboard, creating m.me links and their QR codes are not built yet (issue #8, Dashboard). The
        Overview and Settings work today.
      </p>
    </section>
  );
}
