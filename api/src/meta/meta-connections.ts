import { Injectable } from '@nestjs/common';

export type MetaConnection = { workspaceId: string; accountId: string; accessToken: string; origin: 'config' | 'demo' };

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

  get(workspaceId: string, accountId: string): MetaConnection | undefined {
    return this.byKey.get(key(workspaceId, accountId));
  }

  all(): MetaConnection[] {
    return [...this.byKey.values()];
  }
}

const key = (workspaceId: string, accountId: string) => `${workspaceId}/${accountId}`;
