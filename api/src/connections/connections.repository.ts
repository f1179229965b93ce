import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SeenAccount, SeenPage } from './connections-graph.js';

export type ConnectionKind = 'system_user' | 'page';
export type ConnectionStatus = 'ok' | 'expiring' | 'invalid';

export type NewConnection = {
  workspaceId: string;
  kind: ConnectionKind;
  ciphertext: Buffer;
  last4: string;
  metaUserId: string | null;
  appId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  status: ConnectionStatus;
  createdBy: string | null;
};

/**
 * Where a connection's token comes from: `stored` (connected in Settings; can be disconnected),
 * `configured` (META_ACCESS_TOKEN) or `demo` (the built-in simulator), both read-only.
 */
export type ConnectionOrigin = 'stored' | 'configured' | 'demo';

/** What the API shows of a connection: never the token, its last four characters at most. */
export type ConnectionView = {
  /** a uuid for a stored connection; `configured` or `demo` otherwise */
  id: string;
  origin: ConnectionOrigin;
  kind: ConnectionKind;
  tokenLast4: string;
  metaUserId: string | null;
  appId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  /** `unchecked`: a configured token not checked with Meta yet */
  status: ConnectionStatus | 'unchecked';
  statusDetail: string | null;
  checkedAt: Date | null;
  /** null for a configured token */
  createdAt: Date | null;
  adAccounts: {
    id: string;
    name: string | null;
    currency: string | null;
    timezone: string | null;
    syncStatus: string;
  }[];
  pages: { id: string; name: string | null; username: string | null }[];
};

/** A connection as the loader and the health check need it: the sealed token and what it connects. */
export type SealedConnection = {
  id: string;
  workspaceId: string;
  kind: ConnectionKind;
  ciphertext: Buffer;
  status: ConnectionStatus;
  accounts: { id: string; refused: boolean }[];
  pageIds: string[];
};

const VIEW_COLUMNS = `c.id, 'stored' AS origin, c.kind, c.token_last4 AS "tokenLast4", c.meta_user_id AS "metaUserId", c.meta_app_id AS "appId",
  c.scopes, c.expires_at AS "expiresAt", c.status, c.status_detail AS "statusDetail", c.checked_at AS "checkedAt",
  c.created_at AS "createdAt",
  coalesce((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'currency', a.currency,
     'timezone', a.timezone_name, 'syncStatus', a.connection_status) ORDER BY a.id)
   FROM ad_account a WHERE a.connection_id = c.id), '[]') AS "adAccounts",
  coalesce((SELECT json_agg(json_build_object('id', p.page_id, 'name', p.name, 'username', p.username) ORDER BY p.page_id)
   FROM messenger_page p WHERE p.connection_id = c.id), '[]') AS pages`;

export type ConfiguredHealth = {
  tokenLast4: string;
  metaUserId: string | null;
  appId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  status: ConnectionStatus;
  statusDetail: string | null;
  checkedAt: Date;
};

/** meta_connection, and the ad_account / messenger_page rows it connects. */
@Injectable()
export class ConnectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, c: NewConnection): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO meta_connection (workspace_id, kind, token_ciphertext, token_last4, meta_user_id, meta_app_id,
         scopes, expires_at, status, checked_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10) RETURNING id`,
      [
        c.workspaceId,
        c.kind,
        c.ciphertext,
        c.last4,
        c.metaUserId,
        c.appId,
        c.scopes,
        c.expiresAt,
        c.status,
        c.createdBy,
      ],
    );
    return (row as { id: string }).id;
  }

  /** Connects an ad account to the workspace through this connection; a refusal of an older token is forgotten. */
  async connectAccount(m: EntityManager, workspaceId: string, connectionId: string, a: SeenAccount): Promise<void> {
    await m.query(
      `INSERT INTO ad_account (workspace_id, id, name, currency, timezone_name, connection_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (workspace_id, id) DO UPDATE SET connection_id = EXCLUDED.connection_id,
         name = coalesce(ad_account.name, EXCLUDED.name), currency = coalesce(ad_account.currency, EXCLUDED.currency),
         timezone_name = coalesce(ad_account.timezone_name, EXCLUDED.timezone_name),
         connection_status = 'ok', connection_error = NULL, updated_at = now()`,
      [workspaceId, a.id, a.name, a.currency, a.timezone, connectionId],
    );
  }

  /** Connects a page; the unique page_id index refuses a page of another workspace. */
  async connectPage(m: EntityManager, workspaceId: string, connectionId: string, p: SeenPage): Promise<void> {
    await m.query(
      `INSERT INTO messenger_page (workspace_id, page_id, name, username, connection_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace_id, page_id) DO UPDATE SET connection_id = EXCLUDED.connection_id,
         name = coalesce(EXCLUDED.name, messenger_page.name), username = coalesce(EXCLUDED.username, messenger_page.username)`,
      [workspaceId, p.id, p.name, p.username, connectionId],
    );
  }

  /** Of these accounts, those connected by a stored connection of another workspace. */
  async accountsElsewhere(m: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM ad_account WHERE id = ANY($1) AND workspace_id <> $2 AND connection_id IS NOT NULL ORDER BY id`,
      [ids, workspaceId],
    );
    return rows.map((r) => r.id);
  }

  /** Of these pages, those another workspace has. */
  async pagesElsewhere(m: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
    const rows: { page_id: string }[] = await m.query(
      `SELECT page_id FROM messenger_page WHERE page_id = ANY($1) AND workspace_id <> $2 ORDER BY page_id`,
      [ids, workspaceId],
    );
    return rows.map((r) => r.page_id);
  }

  async list(workspaceId: string): Promise<ConnectionView[]> {
    return (await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM meta_connection c WHERE c.workspace_id = $1 ORDER BY c.created_at, c.id`,
      [workspaceId],
    )) as ConnectionView[];
  }

  async get(m: EntityManager, workspaceId: string, id: string): Promise<ConnectionView | undefined> {
    const [row] = await m.query(
      `SELECT ${VIEW_COLUMNS} FROM meta_connection c WHERE c.workspace_id = $1 AND c.id = $2`,
      [workspaceId, id],
    );
    return row as ConnectionView | undefined;
  }

  /** Every stored connection of every workspace, sealed. */
  async sealed(m: EntityManager = this.db.manager, id?: string): Promise<SealedConnection[]> {
    return (await m.query(
      `SELECT c.id, c.workspace_id AS "workspaceId", c.kind, c.token_ciphertext AS ciphertext, c.status,
         coalesce((SELECT json_agg(json_build_object('id', a.id, 'refused', a.connection_status = 'token_invalid'))
           FROM ad_account a WHERE a.connection_id = c.id), '[]') AS accounts,
         coalesce((SELECT json_agg(p.page_id) FROM messenger_page p WHERE p.connection_id = c.id), '[]') AS "pageIds"
       FROM meta_connection c WHERE ($1::uuid IS NULL OR c.id = $1) ORDER BY c.created_at, c.id`,
      [id ?? null],
    )) as SealedConnection[];
  }

  /** Disconnects: accounts keep their data but lose the connection, pages leave the workspace (their webhooks go to quarantine). */
  async remove(m: EntityManager, workspaceId: string, id: string): Promise<void> {
    await m.query(
      `UPDATE ad_account SET connection_id = NULL, updated_at = now() WHERE workspace_id = $1 AND connection_id = $2`,
      [workspaceId, id],
    );
    await m.query(`DELETE FROM messenger_page WHERE workspace_id = $1 AND connection_id = $2`, [workspaceId, id]);
    await m.query(`DELETE FROM meta_connection WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  }

  async setHealth(
    id: string,
    health: { status: ConnectionStatus; detail: string | null; expiresAt: Date | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE meta_connection SET status = $2, status_detail = $3, expires_at = coalesce($4, expires_at), checked_at = now()
       WHERE id = $1`,
      [id, health.status, health.detail, health.expiresAt],
    );
  }

  /** The health of a configured token (META_ACCESS_TOKEN or the demo's), as debug_token last saw it. */
  async setConfiguredHealth(
    workspaceId: string,
    origin: 'configured' | 'demo',
    h: Omit<ConfiguredHealth, 'checkedAt'>,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO configured_token_health AS t (workspace_id, origin, token_last4, meta_user_id, meta_app_id, scopes,
         expires_at, status, status_detail, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (workspace_id, origin) DO UPDATE SET token_last4 = $3, meta_user_id = $4, meta_app_id = $5,
         scopes = $6, expires_at = $7, status = $8, status_detail = $9, checked_at = now()`,
      [workspaceId, origin, h.tokenLast4, h.metaUserId, h.appId, h.scopes, h.expiresAt, h.status, h.statusDetail],
    );
  }

  async configuredHealth(workspaceId: string): Promise<Map<string, ConfiguredHealth>> {
    const rows: (ConfiguredHealth & { origin: string })[] = await this.db.query(
      `SELECT origin, token_last4 AS "tokenLast4", meta_user_id AS "metaUserId", meta_app_id AS "appId", scopes,
         expires_at AS "expiresAt", status, status_detail AS "statusDetail", checked_at AS "checkedAt"
       FROM configured_token_health WHERE workspace_id = $1`,
      [workspaceId],
    );
    return new Map(rows.map(({ origin, ...h }) => [origin, h]));
  }

  /** The given ad accounts, and the pages no stored connection brought (configured or demo pages). */
  async configuredObjects(
    workspaceId: string,
    accountIds: string[],
  ): Promise<Pick<ConnectionView, 'adAccounts' | 'pages'>> {
    const adAccounts = await this.db.query(
      `SELECT a.id, a.name, a.currency, a.timezone_name AS timezone, a.connection_status AS "syncStatus"
       FROM ad_account a WHERE a.workspace_id = $1 AND a.id = ANY($2) ORDER BY a.id`,
      [workspaceId, accountIds],
    );
    const pages = await this.db.query(
      `SELECT page_id AS id, name, username FROM messenger_page
       WHERE workspace_id = $1 AND connection_id IS NULL ORDER BY page_id`,
      [workspaceId],
    );
    return { adAccounts, pages };
  }

  /** The connection's accounts are shown as token_invalid in the sync status, with the reason. */
  async refuseAccounts(id: string, sentence: string): Promise<void> {
    await this.db.query(
      `UPDATE ad_account SET connection_status = 'token_invalid', connection_error = $2, updated_at = now()
       WHERE connection_id = $1`,
      [id, sentence],
    );
  }
}
