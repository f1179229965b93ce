import { when } from '../../lib/format';
import { useRevokeTokenMutation } from '../../data/tokens/revoke-token-mutation';
import { useTokensQuery, type ApiToken } from '../../data/tokens/tokens-query';
import { ConfirmButton } from '../ConfirmButton';
import { QueryStatus } from '../QueryStatus';
import { CreateTokenForm } from './CreateTokenForm';

/** The workspace's API tokens: create (shown once), list, revoke. */
export function TokensTab() {
  const tokens = useTokensQuery();
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="hint">
        For scripts and your own systems, sent as <code>Authorization: Bearer …</code>. Each token belongs to this
        workspace and can be revoked at any time.
      </p>
      <CreateTokenForm />
      <QueryStatus query={tokens} what="the API tokens" empty={<p>No API tokens yet: create one above.</p>}>
        {(list) => <TokensTable tokens={list} />}
      </QueryStatus>
    </section>
  );
}

function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const revoke = useRevokeTokenMutation();
  return (
    <>
      {revoke.error && <p role="alert">{revoke.error.message}</p>}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Created by</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid="token-row">
                <th scope="row">{t.name}</th>
                <td>{t.scope}</td>
                <td>
                  <code>…{t.last4}</code>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>{t.createdBy ?? 'command line'}</td>
                <td>
                  {t.revokedAt ? (
                    `Revoked ${when(t.revokedAt)}`
                  ) : (
                    <ConfirmButton
                      label="Revoke"
                      name={`Revoke token ${t.name}`}
                      question={`Revoke “${t.name}”? Anything using it is refused from now on.`}
                      confirmLabel="Yes, revoke"
                      disabled={revoke.isPending && revoke.variables === t.id}
                      onConfirm={() => revoke.mutate(t.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
