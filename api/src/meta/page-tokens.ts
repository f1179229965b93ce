import { Injectable } from '@nestjs/common';
import { MetaClientFactory } from './meta-client.factory.js';
import { MetaConnections } from './meta-connections.js';

/**
 * Page access tokens, needed for a page's conversations: given by the demo, stored as a page
 * connection, or read from GET /me/accounts with a connected system-user token. Kept in memory
 * only (stored ones are encrypted in meta_connection), never logged.
 */
@Injectable()
export class PageTokens {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly connections: MetaConnections,
    private readonly clients: MetaClientFactory,
  ) {}

  set(pageId: string, token: string): void {
    this.tokens.set(pageId, token);
  }

  /** Forgets discovered tokens (a connection was removed or changed): the next get() asks Graph again. */
  clear(): void {
    this.tokens.clear();
  }

  /** The page's token, looked up through the connected system-user tokens when not known yet. */
  async get(pageId: string): Promise<string | undefined> {
    const stored = this.connections.storedPageToken(pageId);
    if (stored) return stored;
    if (!this.tokens.has(pageId)) await this.discover();
    return this.tokens.get(pageId);
  }

  private async discover(): Promise<void> {
    for (const token of this.connections.systemUserTokens()) {
      try {
        for await (const page of this.clients.create(token, () => {}).managedPages()) {
          for (const p of page) {
            if (typeof p['id'] === 'string' && typeof p['access_token'] === 'string')
              this.tokens.set(p['id'], p['access_token']);
          }
        }
      } catch {
        // a refused or failing token hides only its own pages; the others may still have this one
      }
    }
  }
}
