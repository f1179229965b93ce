import type { Me } from '../../data/auth/me-query';
import { useSignOutMutation } from '../../data/auth/sign-out-mutation';
import { useSwitchWorkspaceMutation } from '../../data/auth/switch-workspace-mutation';

/** Who is signed in, in which workspace and with which role; another of their workspaces; the way out. */
export function UserBar({ me }: { me: Me }) {
  const signOut = useSignOutMutation();
  const switchTo = useSwitchWorkspaceMutation();
  return (
    <nav className="user-bar" aria-label="Account">
      <span data-testid="current-user">{me.user.email}</span>
      {me.workspaces.length > 1 ? (
        <label>
          Workspace{' '}
          <select
            value={me.current.slug}
            disabled={switchTo.isPending}
            onChange={(e) => switchTo.mutate(e.target.value)}
          >
            {me.workspaces.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.name} ({w.role})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span data-testid="current-workspace">
        {me.current.name} ({me.current.role})
      </span>
      <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </nav>
  );
}
