import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '../audit/keys';
import { authKeys } from '../auth/keys';
import { membersKeys } from './keys';

/** After any change of membership: the list, the audit log, and the signed-in user's own role. */
export const invalidateMembership = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: membersKeys.all }),
    client.invalidateQueries({ queryKey: auditKeys.all }),
    client.invalidateQueries({ queryKey: authKeys.me() }),
  ]);
