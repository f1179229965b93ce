import { useAlertsQuery, type Alert } from '../data/alerts/alerts-query';
import type { Role } from '../data/auth/me-query';
import { roleAtLeast } from '../lib/roles';
import { settingsHref } from '../lib/views';
import { Link } from './Link';

const TOKEN_KINDS: ReadonlySet<Alert['kind']> = new Set(['token_invalid', 'token_expiring']);
const LABEL: Partial<Record<Alert['kind'], string>> = {
  token_invalid: 'Token invalid',
  token_expiring: 'Token expiring',
};

/**
 * On every page, for every role: a Meta token that is expiring or invalid (from GET /api/alerts),
 * with the API's sentence, and for admins the way to fix it.
 */
export function ConnectionWarning({ role }: { role: Role }) {
  const alerts = useAlertsQuery();
  const bad = alerts.data?.alerts.filter((a) => TOKEN_KINDS.has(a.kind)) ?? [];
  if (bad.length === 0) return null;
  return (
    <div role="alert" className="connection-warning" data-testid="connection-warning">
      <ul>
        {bad.map((a) => (
          <li key={a.id}>
            <strong>
              {LABEL[a.kind]} ({a.subject.name ?? a.subject.id}).
            </strong>{' '}
            {a.message}
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
