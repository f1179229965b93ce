import { useState, type FormEvent } from 'react';
import { useAddMemberMutation } from '../../data/members/add-member-mutation';
import type { Role } from '../../data/auth/me-query';

/** Adds someone by email with a role; a password only for someone who has no account yet. */
export function AddMemberForm({ roles }: { roles: readonly Role[] }) {
  const add = useAddMemberMutation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { email, role, password: password || undefined },
      {
        onSuccess: () => {
          setEmail('');
          setPassword('');
        },
      },
    );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="add-member-title">
      <h3 id="add-member-title">Add a member</h3>
      <label>
        Email
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Password (only for someone without an account yet)
        <input
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {add.error && <p role="alert">{add.error.message}</p>}
      {add.data && (
        <p role="status">
          {add.data.email} is now {add.data.role === 'viewer' ? 'a' : 'an'} {add.data.role}
          {add.data.created ? ': their account was created with the password you chose.' : '.'}
        </p>
      )}
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add member'}
      </button>
    </form>
  );
}
