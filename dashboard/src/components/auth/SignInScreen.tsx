import { useSignInMutation } from '../../data/auth/sign-in-mutation';
import { CredentialsForm } from './CredentialsForm';

export function SignInScreen() {
  const signIn = useSignInMutation();
  return (
    <main className="shell auth-screen">
      <section className="card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to ctm-analytics</h1>
        <CredentialsForm
          submitLabel="Sign in"
          pending={signIn.isPending}
          error={signIn.error}
          onSubmit={(credentials) => signIn.mutate(credentials)}
        />
        <p className="hint">No account? Ask an owner of your workspace to add you.</p>
      </section>
    </main>
  );
}
