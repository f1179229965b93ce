import { useState, type FormEvent } from 'react';
import type { ConnectionPreview } from '../../data/connections/preview-connection-mutation';
import { when } from '../../lib/format';

type Chosen = { adAccountIds: string[]; pageIds: string[] };
type Props = {
  preview: ConnectionPreview;
  pending: boolean;
  error: Error | null;
  onConnect(chosen: Chosen): void;
  onCancel(): void;
};

const KIND = { system_user: 'System-user token', page: 'Page token' } as const;

/** What the token can see, as checkboxes: the admin picks which ad accounts and pages to connect. */
export function ConnectionChoice({ preview, pending, error, onConnect, onCancel }: Props) {
  const [accounts, setAccounts] = useState<string[]>([]);
  const [pages, setPages] = useState<string[]>([]);
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConnect({ adAccountIds: accounts, pageIds: pages });
  };
  const chosen = accounts.length + pages.length;
  return (
    <form className="connection-choice" onSubmit={submit} aria-label="Choose what to connect">
      <p data-testid="preview-summary">
        {KIND[preview.kind]}, {preview.expiresAt ? `expires ${when(preview.expiresAt)}` : 'does not expire'}. It can see{' '}
        {preview.adAccounts.length} ad account(s) and {preview.pages.length} page(s).
      </p>
      <fieldset>
        <legend>Ad accounts</legend>
        {preview.adAccounts.length === 0 && <p className="hint">This token sees no ad account.</p>}
        {preview.adAccounts.map((a) => (
          <label key={a.id} className="check">
            <input
              type="checkbox"
              checked={accounts.includes(a.id)}
              onChange={(e) => setAccounts(toggle(accounts, a.id, e.target.checked))}
            />
            {a.name ?? a.id} <span className="hint">({[a.id, a.currency, a.timezone].filter(Boolean).join(', ')})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Pages</legend>
        {preview.pages.length === 0 && <p className="hint">This token sees no page.</p>}
        {preview.pages.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={pages.includes(p.id)}
              onChange={(e) => setPages(toggle(pages, p.id, e.target.checked))}
            />
            {p.name ?? p.id} <span className="hint">({p.username ? `@${p.username}, ${p.id}` : p.id})</span>
          </label>
        ))}
      </fieldset>
      {error && <p role="alert">{error.message}</p>}
      <button type="submit" disabled={pending || chosen === 0}>
        {pending ? 'Connecting…' : chosen === 0 ? 'Pick at least one to connect' : `Connect ${chosen} selected`}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
