import type { Role } from '../../data/auth/me-query';

// PLACEHOLDER: this page is built under issue #8 (Dashboard); until then it says so on screen.
/** Contacts: not built yet. */
export function ContactsPage(_props: { role: Role }) {
  return (
    <section className="card notice" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts</h2>
      <p>
        The contact list and each contact's timeline are not built yet (issue #8, Dashboard). The Overview and Settings
        work today.
      </p>
    </section>
  );
}
