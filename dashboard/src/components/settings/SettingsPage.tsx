import type { Me } from '../../data/auth/me-query';
import { SETTINGS_TABS, settingsHref, settingsTabsFor, type SettingsTab } from '../../lib/views';
import { useSearchParams } from '../../lib/url-state';
import { Link } from '../Link';
import { AuditTab } from './AuditTab';
import { ConnectionsTab } from './ConnectionsTab';
import { ConversionRulesTab } from './ConversionRulesTab';
import { MembersTab } from './MembersTab';
import { TokensTab } from './TokensTab';
import { WorkspaceTab } from './WorkspaceTab';

/** Settings: only the tabs the user's role may open (the API refuses the others anyway); the tab is in the URL. */
export function SettingsPage({ me }: { me: Me }) {
  const asked = useSearchParams().get('tab');
  const allowed = settingsTabsFor(me.current.role);
  const known = SETTINGS_TABS.find((t) => t.id === asked);
  const tab = asked === null ? allowed[0] : allowed.find((t) => t.id === asked);
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">Settings</h2>
      {allowed.length === 0 ? (
        <p className="card" role="note">
          Settings are for the admins and owners of {me.current.name}; your role is {me.current.role}. Ask an owner if
          you need more.
        </p>
      ) : (
        <nav aria-label="Settings sections" className="tabs">
          {allowed.map((t) => (
            <Link key={t.id} href={settingsHref(t.id)} aria-current={t.id === tab?.id ? 'page' : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
      )}
      {tab ? (
        <TabContent tab={tab.id} me={me} />
      ) : (
        allowed.length > 0 && (
          <p className="card" role="note">
            {known
              ? `${capitalised(known.what)} is for ${known.role}s of this workspace; your role is ${me.current.role}.`
              : `There is no settings section “${asked}”.`}
          </p>
        )
      )}
    </section>
  );
}

function TabContent({ tab, me }: { tab: SettingsTab; me: Me }) {
  switch (tab) {
    case 'connections':
      return <ConnectionsTab />;
    case 'tokens':
      return <TokensTab />;
    case 'members':
      return <MembersTab me={me} />;
    case 'rules':
      return <ConversionRulesTab me={me} />;
    case 'workspace':
      return <WorkspaceTab me={me} />;
    case 'audit':
      return <AuditTab />;
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
