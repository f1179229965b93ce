import { useState, type FormEvent } from 'react';
import type { Credentials } from '../../data/auth/sign-in-mutation';

type Props = {
  submitLabel: string;
  /** A new password (first run) gets the browser's "new-password" autocomplete and a minimum length. */
  newPassword?: boolean;
  pending: boolean;
  error: Error | null;
  onSubmit(credentials: Credentials): void;
};

/** Email and password, with the API's sentence when it refuses them. */
export function CredentialsForm({ submitLabel, newPassword = false, pending, error, onSubmit }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ email, password });
  };
  return (
    <form onSubmit={submit} className="auth-form">
      <label>
        Email
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          name="password"
          autoComplete={newPassword ? 'new-password' : 'current-password'}
          minLength={newPassword ? 8 : undefined}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && <p role="alert">{error.message}</p>}
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
