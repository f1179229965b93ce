import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { API_TOKEN_PREFIX, TOUCH_EVERY_MS } from './auth.constants.js';
import { AuditRepository } from './audit.repository.js';
import { actorLabel, type Actor, type RequestAccess } from './request-access.js';
import type { TokenScope } from './roles.js';
import { hashSecret, newSecret } from './secret-token.js';
import { TokensRepository, type TokenView } from './tokens.repository.js';

/** A new token: the only time its secret is shown. */
export type CreatedToken = TokenView & { token: string };

/** Who creates or revokes a token: a request's actor, or the command line. */
export type TokenActor = Actor | { kind: 'cli' };

/** API tokens: per workspace, scoped, shown once, stored as a hash, revocable at once. */
@Injectable()
export class TokensService {
  private readonly used = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokensRepository,
    private readonly audit: AuditRepository,
  ) {}

  async create(workspaceId: string, name: string, scope: TokenScope, actor: TokenActor): Promise<CreatedToken> {
    const secret = newSecret(API_TOKEN_PREFIX);
    const userId = actor.kind === 'user' ? actor.userId : null;
    const view = await this.db.transaction(async (m) => {
      const created = await this.tokens.create(m, {
        workspaceId,
        name,
        scope,
        hash: hashSecret(secret),
        last4: secret.slice(-4),
        createdBy: userId,
      });
      await this.audit.record(m, {
        workspaceId,
        actor: label(actor),
        actorUserId: userId,
        action: 'token.created',
        detail: { tokenId: created.id, name, scope, last4: created.last4 },
      });
      return created;
    });
    return { ...view, token: secret };
  }

  list(workspaceId: string): Promise<TokenView[]> {
    return this.tokens.list(workspaceId);
  }

  /** Revokes one of the workspace's tokens: the next request with it is refused. */
  async revoke(workspaceId: string, id: string, actor: TokenActor): Promise<TokenView> {
    return this.db.transaction(async (m) => {
      const token = await this.tokens.get(workspaceId, id, m);
      if (!token) throw new NotFoundException(`id: this workspace has no API token ${id}.`);
      if (await this.tokens.revoke(m, workspaceId, id)) {
        await this.audit.record(m, {
          workspaceId,
          actor: label(actor),
          actorUserId: actor.kind === 'user' ? actor.userId : null,
          action: 'token.revoked',
          detail: { tokenId: id, name: token.name, last4: token.last4 },
        });
      }
      return (await this.tokens.get(workspaceId, id, m))!;
    });
  }

  /** The request access of a live token; undefined when unknown or revoked (checked in the database every time). */
  async resolve(secret: string): Promise<RequestAccess | undefined> {
    const token = await this.tokens.live(hashSecret(secret));
    if (!token) return undefined;
    this.markUsed(token.id);
    return {
      workspaceId: token.workspaceId,
      workspace: token.workspace,
      role: null,
      scope: token.scope,
      actor: { kind: 'token', tokenId: token.id, name: token.name },
    };
  }

  /** last_used_at, written at most once a minute per token: a busy script must not write on every call. */
  private markUsed(id: string): void {
    const now = Date.now();
    if (now - (this.used.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.used.set(id, now);
    if (this.used.size > 10_000) this.used.clear();
    void this.tokens.markUsed(id).catch(() => {});
  }
}

function label(actor: TokenActor): string {
  return actor.kind === 'cli' ? 'command line' : actorLabel(actor);
}
