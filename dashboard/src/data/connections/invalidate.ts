import type { QueryClient } from '@tanstack/react-query';
import { alertsKeys } from '../alerts/keys';
import { auditKeys } from '../audit/keys';
import { syncKeys } from '../sync/keys';
import { connectionsKeys } from './keys';

/** After connecting or disconnecting: the connections, the ad accounts' sync status, the alerts, the audit log. */
export const invalidateConnections = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: connectionsKeys.all }),
    client.invalidateQueries({ queryKey: syncKeys.all }),
    client.invalidateQueries({ queryKey: alertsKeys.all }),
    client.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
