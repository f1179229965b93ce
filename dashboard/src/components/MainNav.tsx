import type { Role } from '../data/auth/me-query';
import { settingsTabsFor, viewHref, type View } from '../lib/views';
import { Link } from './Link';

/** The dashboard's pages; Settings only for roles that have a settings tab. */
export function MainNav({ view, role }: { view: View; role: Role }) {
  const links: { view: View; label: string }[] = [
    { view: 'overview', label: 'Overview' },
    { view: 'campaigns', label: 'Campaigns' },
    { view: 'ref-links', label: 'Ref links' },
    { view: 'contacts', label: 'Contacts' },
    { view: 'reports', label: 'Reports' },
    { view: 'status', label: 'Status' },
  ];
  if (settingsTabsFor(role).length > 0) links.push({ view: 'settings', label: 'Settings' });
  return (
    <nav aria-label="Main" className="main-nav">
      {links.map((l) => (
        <Link key={l.view} href={viewHref(l.view)} aria-current={l.view === view ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
