import { Injectable } from '@nestjs/common';

export type MetaConnection = {
  workspaceId: string;
  accountId: string;
  accessToken: string;
  /** config: META_ACCESS_TOKEN (kept in memory); demo: the simulator; stored: meta_connection, decrypted. */
  origin: 'config' | 'demo' | 'stored';
  /** The meta_connection row of a stored connection. */
  connectionId?: string;
  /** Meta refused this token (190): no sync until the account is connected again with a token. */
  tokenRefused?: boolean;
};

/** A stored connection's token, with the pages it connects (a page token connects its own page). */
export type StoredToken = {
  connectionId: string;
  workspaceId: string;
  kind: 'system_user' | 'page';
  accessToken: string;
  pageIds: string[];
  refused: boolean;
};

/**
 * Which ad accounts are connected, and with which token: from configuration and the demo (add),
 * and from the meta_connection table (replaceStored, reloaded by the connections module). A stored
 * connection of an account wins over a configured one. Tokens never leave this provider except
 * into the SDK.
 */
@Injectable()
export class MetaConnections {
  private readonly fixed = new Map<string, MetaConnection>();
  private stored = new Map<string, MetaConnection>();
  private tokens: StoredToken[] = [];

  add(connection: MetaConnection): void {
    this.fixed.set(key(connection.workspaceId, connection.accountId), connection);
  }

  /** Replaces every stored connection with what the database holds now. */
  replaceStored(accounts: MetaConnection[], tokens: StoredToken[]): void {
    const next = new Map<string, MetaConnection>();
    for (const account of accounts) {
      const k = key(account.workspaceId, account.accountId);
      const before = this.stored.get(k);
      // a refusal seen by this instance's sync holds until the account is connected with another connection
      const refused = account.tokenRefused || (before?.connectionId === account.connectionId && before?.tokenRefused);
      next.set(k, { ...account, tokenRefused: refused || undefined });
    }
    this.stored = next;
    this.tokens = tokens;
  }

  /** Meta refused the connection's token: its syncs stop until add() connects the account again. */
  markTokenRefused(workspaceId: string, accountId: string): void {
    const k = key(workspaceId, accountId);
    const map = this.stored.has(k) ? this.stored : this.fixed;
    const connection = map.get(k);
    if (connection) map.set(k, { ...connection, tokenRefused: true });
  }

  /** The accounts connected by configuration or the demo (add), stored connections aside. */
  configured(): MetaConnection[] {
    return [...this.fixed.values()];
  }

  get(workspaceId: string, accountId: string): MetaConnection | undefined {
    const k = key(workspaceId, accountId);
    return this.stored.get(k) ?? this.fixed.get(k);
  }

  all(): MetaConnection[] {
    const merged = new Map(this.fixed);
    for (const [k, c] of this.stored) merged.set(k, c);
    return [...merged.values()];
  }

  /** Tokens that may list pages with their page tokens (GET /me/accounts): configured and stored system users. */
  systemUserTokens(): string[] {
    const fromAccounts = this.all()
      .filter((c) => !c.tokenRefused)
      .map((c) => c.accessToken);
    const stored = this.tokens.filter((t) => t.kind === 'system_user' && !t.refused).map((t) => t.accessToken);
    return [...new Set([...fromAccounts, ...stored])];
  }

  /** A page's own token from a stored page connection. */
  storedPageToken(pageId: string): string | undefined {
    return this.tokens.find((t) => t.kind === 'page' && !t.refused && t.pageIds.includes(pageId))?.accessToken;
  }
}

const key = (workspaceId: string, accountId: string) => `${workspaceId}/${accountId}`;
