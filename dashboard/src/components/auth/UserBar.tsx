import { useSignOutMutation } from '../../data/auth/sign-out-mutation';
import type { Me } from '../../data/auth/me-query';

/** Who is signed in, in which workspace and with which role; and the way out. */
export function UserBar({ me }: { me: Me }) {
  const signOut = useSignOutMutation();
  return (
    <nav className="user-bar" aria-label="Account">
      <span data-testid="current-user">{me.user.email}</span>
      <span data-testid="current-workspace">
        {me.current.name} ({me.current.role})
      </span>
      <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </nav>
  );
}
