import { Injectable } from '@nestjs/common';

export type MetaConnection = {
  workspaceId: string;
  accountId: string;
  accessToken: string;
  origin: 'config' | 'demo';
  /** Meta refused this token (190): no sync until the account is connected again with a token. */
  tokenRefused?: boolean;
};

/**
 * Which ad accounts are connected, and with which token. Filled at boot from configuration
 * (META_ACCESS_TOKEN + META_AD_ACCOUNT_IDS) or by the demo; the Workspaces issue (#6) moves
 * connections into the database. Tokens never leave this provider except into the SDK.
 */
@Injectable()
export class MetaConnections {
  private readonly byKey = new Map<string, MetaConnection>();

  add(connection: MetaConnection): void {
    this.byKey.set(key(connection.workspaceId, connection.accountId), connection);
  }

  /** Meta refused the connection's token: its syncs stop until add() connects the account again. */
  markTokenRefused(workspaceId: string, accountId: string): void {
    const connection = this.byKey.get(key(workspaceId, accountId));
    if (connection) this.byKey.set(key(workspaceId, accountId), { ...connection, tokenRefused: true });
  }

  get(workspaceId: string, accountId: string): MetaConnection | undefined {
    return this.byKey.get(key(workspaceId, accountId));
  }

  all(): MetaConnection[] {
    return [...this.byKey.values()];
  }
}

const key = (workspaceId: string, accountId: string) => `${workspaceId}/${accountId}`;
