import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useCreateTokenMutation } from '../../data/tokens/create-token-mutation';
import { TOKEN_SCOPES, type TokenScope } from '../../data/tokens/tokens-query';
import { NewTokenNotice } from './NewTokenNotice';

export const SCOPE_HELP: Record<TokenScope, string> = {
  read: 'read: figures and lists, as a viewer sees them',
  'write:conversions': 'write:conversions: report conversions (POST /api/conversions)',
  admin: 'admin: anything an admin may do, except tokens and members',
};

/** Name and scope of a new token; the secret is then shown once, until "Done". */
export function CreateTokenForm() {
  const create = useCreateTokenMutation();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('write:conversions');
  const nameInput = useRef<HTMLInputElement>(null);
  const shown = Boolean(create.data);
  const wasShown = useRef(false);
  // after "Done", the keyboard lands back on the form rather than at the top of the page
  useEffect(() => {
    if (wasShown.current && !shown) nameInput.current?.focus();
    wasShown.current = shown;
  }, [shown]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, scope }, { onSuccess: () => setName('') });
  };
  if (create.data) return <NewTokenNotice created={create.data} onDone={() => create.reset()} />;
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="create-token-title">
      <h3 id="create-token-title">Create a token</h3>
      <label>
        Token name
        <input
          ref={nameInput}
          required
          maxLength={100}
          value={name}
          placeholder="shop conversions"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        Scope
        <select value={scope} onChange={(e) => setScope(e.target.value as TokenScope)}>
          {TOKEN_SCOPES.map((s) => (
            <option key={s} value={s}>
              {SCOPE_HELP[s]}
            </option>
          ))}
        </select>
      </label>
      {create.error && <p role="alert">{create.error.message}</p>}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
