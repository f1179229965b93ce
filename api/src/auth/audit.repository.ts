import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type AuditAction =
  | 'user.added'
  | 'user.removed'
  | 'role.changed'
  | 'token.created'
  | 'token.revoked'
  | 'connection.added'
  | 'connection.removed'
  | 'workspace.updated'
  | 'link.created'
  | 'link.updated'
  | 'link.deleted'
  | 'conversion_rule.created'
  | 'conversion_rule.updated'
  | 'conversion_rule.deleted';
export type AuditEntry = { id: string; actor: string; action: AuditAction; detail: Record<string, unknown>; at: Date };

/** An audit entry's detail for an edit: each field whose value changed, from what to what. */
export function fieldChanges<A extends object>(
  before: { [K in keyof A]: unknown },
  after: A,
): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    (Object.keys(after) as (keyof A & string)[])
      .filter((k) => after[k] !== before[k])
      .map((k) => [k, { from: before[k], to: after[k] }]),
  );
}

/** audit_log: admin actions per workspace, for its owners. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(
    m: EntityManager,
    entry: { workspaceId: string; actor: string; actorUserId: string | null; action: AuditAction; detail: object },
  ): Promise<void> {
    await m.query(
      `INSERT INTO audit_log (workspace_id, actor, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)`,
      [entry.workspaceId, entry.actor, entry.actorUserId, entry.action, JSON.stringify(entry.detail)],
    );
  }

  async list(workspaceId: string, limit: number): Promise<AuditEntry[]> {
    const rows: (AuditEntry & { id: string | number })[] = await this.db.query(
      `SELECT id, actor, action, detail, at FROM audit_log WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [workspaceId, limit],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }
}
