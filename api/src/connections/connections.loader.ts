import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { MetaConnections, type MetaConnection, type StoredToken } from '../meta/meta-connections.js';
import { PageTokens } from '../meta/page-tokens.js';
import { ConnectionsRepository } from './connections.repository.js';
import { SecretBox } from './secret-box.js';

/** Another instance's new or removed connection is in use here within this time. */
export const RELOAD_INTERVAL_MS = 30_000;

/**
 * Fills MetaConnections from meta_connection, decrypting the tokens: at start-up, after each change
 * on this instance, and every RELOAD_INTERVAL_MS for changes made on others.
 */
@Injectable()
export class ConnectionsLoader implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ConnectionsLoader.name);
  private readonly undecryptable = new Set<string>();

  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly box: SecretBox,
    private readonly connections: MetaConnections,
    private readonly pageTokens: PageTokens,
    private readonly registry: SchedulerRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.reload().catch((e: unknown) => this.failed(e)), RELOAD_INTERVAL_MS);
    this.registry.addInterval('meta-connections-reload', timer);
  }

  async reload(): Promise<void> {
    const accounts: MetaConnection[] = [];
    const tokens: StoredToken[] = [];
    for (const c of await this.repository.sealed()) {
      const token = this.open(c.id, c.workspaceId, c.ciphertext);
      if (token === undefined) continue;
      const refused = c.status === 'invalid';
      tokens.push({
        connectionId: c.id,
        workspaceId: c.workspaceId,
        kind: c.kind,
        accessToken: token,
        pageIds: c.pageIds,
        refused,
      });
      for (const a of c.accounts) {
        accounts.push({
          workspaceId: c.workspaceId,
          accountId: a.id,
          accessToken: token,
          origin: 'stored',
          connectionId: c.id,
          tokenRefused: refused || a.refused,
        });
      }
    }
    this.connections.replaceStored(accounts, tokens);
    this.pageTokens.clear();
  }

  /** The token, or undefined (said once per connection) when it does not decrypt with this SECRETS_KEY. */
  open(id: string, workspaceId: string, sealed: Buffer): string | undefined {
    try {
      return this.box.open(sealed, workspaceId);
    } catch {
      if (!this.undecryptable.has(id))
        this.logger.warn(
          `Meta connection ${id} does not decrypt with this SECRETS_KEY (was the key changed?): it is not used; connect its accounts and pages again.`,
        );
      this.undecryptable.add(id);
      return undefined;
    }
  }

  private failed(error: unknown): void {
    this.logger.error(`reloading Meta connections failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
