import { useState, type FormEvent } from 'react';
import { useCreateConnectionMutation } from '../../data/connections/create-connection-mutation';
import { usePreviewConnectionMutation } from '../../data/connections/preview-connection-mutation';
import { ConnectionChoice } from './ConnectionChoice';

/** Paste a Meta token, see what it can reach, pick, connect. The token stays in this form only, never on screen. */
export function ConnectForm() {
  const preview = usePreviewConnectionMutation();
  const connect = useCreateConnectionMutation();
  const [token, setToken] = useState('');
  const changeToken = (value: string) => {
    setToken(value);
    preview.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.reset();
    preview.mutate(token.trim());
  };
  const done = () => {
    setToken('');
    preview.reset();
  };
  return (
    <div className="connect" aria-labelledby="connect-title" role="region">
      <h3 id="connect-title">Connect a Meta token</h3>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Meta system-user or page access token
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={token}
            onChange={(e) => changeToken(e.target.value)}
          />
        </label>
        <p className="hint">
          The token is sent to the API, stored encrypted, and never shown again: only its last four characters.
        </p>
        {preview.error && <p role="alert">{preview.error.message}</p>}
        <button type="submit" disabled={preview.isPending || token.trim() === ''}>
          {preview.isPending ? 'Asking Meta…' : 'Preview what it can see'}
        </button>
      </form>
      {connect.data && (
        <p role="status">
          Connected: {connect.data.adAccounts.length} ad account(s) and {connect.data.pages.length} page(s). Their syncs
          start on their own.
        </p>
      )}
      {preview.data && (
        <ConnectionChoice
          preview={preview.data}
          pending={connect.isPending}
          error={connect.error}
          onConnect={(chosen) => connect.mutate({ token: token.trim(), ...chosen }, { onSuccess: done })}
          onCancel={done}
        />
      )}
    </div>
  );
}
