import type { Role } from '../../data/auth/me-query';
import { roleAtLeast } from '../../lib/roles';
import { settingsHref } from '../../lib/views';
import { Link } from '../Link';

/** Nothing in the range: a longer range, or (for admins) a Meta connection, is what to do next. */
export function EmptyRange({ role, what, testId }: { role: Role; what: string; testId: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <p>
        <strong>{what}</strong>
      </p>
      <p>
        Try a longer range, such as the last 90 days.{' '}
        {roleAtLeast(role, 'admin') ? (
          <>
            If no data has arrived yet,{' '}
            <Link href={settingsHref('connections')}>connect a Meta ad account in Settings</Link>.
          </>
        ) : (
          'If no data has arrived yet, ask an admin of this workspace to connect a Meta ad account.'
        )}
      </p>
    </div>
  );
}
