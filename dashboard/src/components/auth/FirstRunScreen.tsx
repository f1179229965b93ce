import { useFirstRunMutation } from '../../data/auth/first-run-mutation';
import { CredentialsForm } from './CredentialsForm';

/** A fresh installation has no account at all: whoever starts it creates its first owner here. */
export function FirstRunScreen({ workspace }: { workspace: string }) {
  const firstRun = useFirstRunMutation();
  return (
    <main className="shell auth-screen">
      <section className="card" aria-labelledby="first-run-title">
        <h1 id="first-run-title">Create the first owner</h1>
        <p>
          This installation has no account yet. The one you create now owns the <strong>{workspace}</strong> workspace
          and can add the others. There is no built-in account and no default password.
        </p>
        <CredentialsForm
          submitLabel="Create owner and sign in"
          newPassword
          pending={firstRun.isPending}
          error={firstRun.error}
          onSubmit={(credentials) => firstRun.mutate(credentials)}
        />
      </section>
    </main>
  );
}
