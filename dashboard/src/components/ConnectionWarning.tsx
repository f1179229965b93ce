import type { Role } from '../data/auth/me-query';
import { needsAttention, useConnectionsQuery } from '../data/connections/connections-query';
import { roleAtLeast } from '../lib/roles';
import { settingsHref } from '../lib/views';
import { Link } from './Link';
import { HEALTH_LABEL } from './settings/ConnectionCard';

/**
 * On every page: a Meta token that is expiring or invalid, with the API's sentence and the way to fix it.
 * Analysts may read the connections but not change them; viewers may not read them (the API says 403).
 */
export function ConnectionWarning({ role }: { role: Role }) {
  const connections = useConnectionsQuery({ enabled: roleAtLeast(role, 'analyst') });
  const bad = connections.data?.filter(needsAttention) ?? [];
  if (bad.length === 0) return null;
  return (
    <div role="alert" className="connection-warning" data-testid="connection-warning">
      <ul>
        {bad.map((c) => (
          <li key={c.id}>
            <strong>
              {HEALTH_LABEL[c.status]} (…{c.tokenLast4}).
            </strong>{' '}
            {c.statusDetail ?? (c.status === 'invalid' ? 'Syncs stopped.' : 'Connect again with a new token.')}
          </li>
        ))}
      </ul>
      {roleAtLeast(role, 'admin') ? (
        <Link href={settingsHref('connections')}>Open Meta connections in Settings</Link>
      ) : (
        <span>Ask an admin of this workspace to connect it again.</span>
      )}
    </div>
  );
}
