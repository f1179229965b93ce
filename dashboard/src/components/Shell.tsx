import type { Me } from '../data/auth/me-query';
import { useView } from '../lib/views';
import { UserBar } from './auth/UserBar';
import { ConnectionWarning } from './ConnectionWarning';
import { DemoBanner } from './DemoBanner';
import { CampaignsPage } from './campaigns/CampaignsPage';
import { ContactsPage } from './contacts/ContactsPage';
import { HomeView } from './HomeView';
import { MainNav } from './MainNav';
import { OverviewPage } from './overview/OverviewPage';
import { RefLinksPage } from './ref-links/RefLinksPage';
import { ReportsPage } from './reports/ReportsPage';
import { SettingsPage } from './settings/SettingsPage';

/** The signed-in dashboard: what every page shares, then the page the URL names. */
export function Shell({ me }: { me: Me }) {
  const { view } = useView();
  return (
    <main className="shell">
      <UserBar me={me} />
      <DemoBanner />
      <ConnectionWarning role={me.current.role} />
      <header className="app-header">
        <h1>ctm-analytics</h1>
        <MainNav view={view} role={me.current.role} />
      </header>
      {view === 'settings' && <SettingsPage me={me} />}
      {view === 'status' && <HomeView />}
      {view === 'overview' && <OverviewPage role={me.current.role} />}
      {view === 'campaigns' && <CampaignsPage role={me.current.role} />}
      {view === 'ref-links' && <RefLinksPage role={me.current.role} />}
      {view === 'contacts' && <ContactsPage role={me.current.role} />}
      {view === 'reports' && <ReportsPage role={me.current.role} />}
    </main>
  );
}
