import { Injectable } from '@nestjs/common';
import { MetaClientFactory } from './meta-client.factory.js';
import { MetaConnections } from './meta-connections.js';

/**
 * Page access tokens, needed for a page's conversations: given by the demo, or read from
 * GET /me/accounts with a connection's system-user token. Kept in memory only, never stored or logged.
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

  /** The page's token, looked up through the connected system-user tokens when not known yet. */
  async get(pageId: string): Promise<string | undefined> {
    if (!this.tokens.has(pageId)) await this.discover();
    return this.tokens.get(pageId);
  }

  private async discover(): Promise<void> {
    const systemTokens = new Set(this.connections.all().map((c) => c.accessToken));
    for (const token of systemTokens) {
      for await (const page of this.clients.create(token, () => {}).managedPages()) {
        for (const p of page) {
          if (typeof p['id'] === 'string' && typeof p['access_token'] === 'string')
            this.tokens.set(p['id'], p['access_token']);
        }
      }
    }
  }
}
