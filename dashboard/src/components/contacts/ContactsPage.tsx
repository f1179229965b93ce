import type { Role } from '../../data/auth/me-query';
import { useSearchParams } from '../../lib/url-state';
import { ContactList } from './ContactList';
import { ContactTimeline } from './ContactTimeline';
import './contacts.css';

/** Contacts: the filtered list, or one contact's timeline when the URL names one (`contact=`). */
export function ContactsPage({ role }: { role: Role }) {
  const params = useSearchParams();
  const contact = params.get('contact');
  return (
    <div className="contacts-page">
      {contact ? <ContactTimeline id={contact} /> : <ContactList role={role} params={params} />}
    </div>
  );
}
