import type { Connection, ConnectionHealth } from '../../data/connections/connections-query';
import { when } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';

export const HEALTH_LABEL: Record<ConnectionHealth, string> = {
  ok: 'Token valid',
  expiring: 'Token expiring',
  invalid: 'Token invalid',
  unchecked: 'Not checked yet',
};

const ORIGIN = {
  configured: 'set in the server configuration (META_ACCESS_TOKEN); change it there',
  demo: 'the demo simulator',
} as const;

type Props = { connection: Connection; disconnecting: boolean; onDisconnect(): void };

/** One connection: its token's health, what it connects, and the way to disconnect it (stored ones only). */
export function ConnectionCard({ connection: c, disconnecting, onDisconnect }: Props) {
  const kind = c.kind === 'page' ? 'Page token' : 'System-user token';
  return (
    <li className="connection" data-testid="connection">
      <h3>
        {kind} <code>…{c.tokenLast4}</code>{' '}
        <span className={`health health-${c.status}`} data-testid="connection-health">
          {HEALTH_LABEL[c.status]}
        </span>
      </h3>
      {c.statusDetail && <p>{c.statusDetail}</p>}
      <p className="hint">
        Last checked {when(c.checkedAt)}; {c.expiresAt ? `expires ${when(c.expiresAt)}` : 'does not expire'};{' '}
        {c.origin === 'stored' ? `connected ${when(c.createdAt, 'earlier')}` : ORIGIN[c.origin]}.
      </p>
      <ul>
        {c.adAccounts.map((a) => (
          <li key={a.id}>
            Ad account {a.name ?? a.id} ({[a.id, a.currency].filter(Boolean).join(', ')}): sync {a.syncStatus}
          </li>
        ))}
        {c.pages.map((p) => (
          <li key={p.id}>
            Page {p.name ?? p.id} ({p.username ? `@${p.username}, ` : ''}
            {p.id})
          </li>
        ))}
      </ul>
      {c.origin === 'stored' && (
        <ConfirmButton
          label="Disconnect"
          name={`Disconnect token …${c.tokenLast4}`}
          question="Disconnect? Its ad accounts stop syncing (their data stays) and its pages leave this workspace."
          confirmLabel="Yes, disconnect"
          disabled={disconnecting}
          onConfirm={onDisconnect}
        />
      )}
    </li>
  );
}
