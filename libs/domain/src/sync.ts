/** How an ad account's Meta connection stands: `token_invalid` means Meta refused the token (reconnect). */
export type ConnectionStatus = 'ok' | 'token_invalid' | 'error';

/** An ad account as the product stores it. */
export type AdAccountSummary = {
  workspaceId: string;
  id: string;
  name: string | null;
  currency: string | null;
  timezoneName: string | null;
  connectionStatus: ConnectionStatus;
  connectionError: string | null;
};

/** GET /api/sync/accounts: an account with its last syncs (ISO strings on the wire, Dates in the api). */
export type AdAccountStatus<Time = string> = AdAccountSummary & {
  structureSyncedAt: Time | null;
  insightsSyncedAt: Time | null;
};
