import { useConnectionsQuery } from '../../data/connections/connections-query';
import { useDisconnectMutation } from '../../data/connections/disconnect-mutation';
import { QueryStatus } from '../QueryStatus';
import { ConnectForm } from './ConnectForm';
import { ConnectionCard } from './ConnectionCard';

/** The workspace's Meta connections with their token health; connect and disconnect. */
export function ConnectionsTab() {
  const connections = useConnectionsQuery();
  const disconnect = useDisconnectMutation();
  return (
    <section className="card" aria-labelledby="connections-title">
      <h2 id="connections-title">Meta connections</h2>
      <QueryStatus
        query={connections}
        what="the Meta connections"
        empty={<p>No Meta connection yet: paste a token below to connect ad accounts and pages.</p>}
      >
        {(list) => (
          <>
            {disconnect.error && <p role="alert">{disconnect.error.message}</p>}
            <ul className="connections">
              {list.map((c) => (
                <ConnectionCard
                  key={c.id}
                  connection={c}
                  disconnecting={disconnect.isPending && disconnect.variables === c.id}
                  onDisconnect={() => disconnect.mutate(c.id)}
                />
              ))}
            </ul>
          </>
        )}
      </QueryStatus>
      <ConnectForm />
    </section>
  );
}
