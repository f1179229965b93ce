import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TokenScope } from './roles.js';

/** A token as the API shows it: never its secret nor its hash, only the last four characters. */
export type TokenView = {
  id: string;
  name: string;
  scope: TokenScope;
  last4: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type LiveToken = { id: string; workspaceId: string; workspace: string; name: string; scope: TokenScope };

const VIEW = `t.id, t.name, t.scope, t.last4, u.email AS "createdBy", t.created_at AS "createdAt",
  t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"`;

/** api_token: per-workspace tokens, found by the SHA-256 of the secret. */
@Injectable()
export class TokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(
    m: EntityManager,
    token: {
      workspaceId: string;
      name: string;
      scope: TokenScope;
      hash: string;
      last4: string;
      createdBy: string | null;
    },
  ): Promise<TokenView> {
    const [{ id }] = await m.query(
      `INSERT INTO api_token (workspace_id, name, scope, token_hash, last4, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [token.workspaceId, token.name, token.scope, token.hash, token.last4, token.createdBy],
    );
    return (await this.get(token.workspaceId, id, m))!;
  }

  async get(workspaceId: string, id: string, m: EntityManager = this.db.manager): Promise<TokenView | undefined> {
    const [row] = await m.query(
      `SELECT ${VIEW} FROM api_token t LEFT JOIN app_user u ON u.id = t.created_by
       WHERE t.workspace_id = $1 AND t.id = $2`,
      [workspaceId, id],
    );
    return row as TokenView | undefined;
  }

  async list(workspaceId: string): Promise<TokenView[]> {
    return (await this.db.query(
      `SELECT ${VIEW} FROM api_token t LEFT JOIN app_user u ON u.id = t.created_by
       WHERE t.workspace_id = $1 ORDER BY t.created_at DESC`,
      [workspaceId],
    )) as TokenView[];
  }

  /** A token that is not revoked, by the hash of its secret. */
  async live(hash: string): Promise<LiveToken | undefined> {
    const [row] = await this.db.query(
      `SELECT t.id, t.workspace_id AS "workspaceId", w.slug AS workspace, t.name, t.scope
       FROM api_token t JOIN workspace w ON w.id = t.workspace_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hash],
    );
    return row as LiveToken | undefined;
  }

  /** Revokes the workspace's token; false when it has no such token or it was already revoked. */
  async revoke(m: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `WITH revoked AS (
         UPDATE api_token SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING 1
       ) SELECT * FROM revoked`,
      [workspaceId, id],
    );
    return rows.length > 0;
  }

  async markUsed(id: string): Promise<void> {
    await this.db.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
