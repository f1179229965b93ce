import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type ConversionRuleFields = {
  name: string;
  kind: 'payload' | 'keyword';
  pattern: string;
  value: number | null;
  currency: string | null;
};
export type ConversionRuleView = ConversionRuleFields & {
  id: string;
  createdAt: Date;
  /** conversions this rule has produced so far */
  conversions: number;
};

const COLUMNS = `r.id, r.name, r.kind, r.pattern, r.value::float8 AS value, r.currency, r.created_at AS "createdAt",
  (SELECT count(*)::int FROM conversion v WHERE v.workspace_id = r.workspace_id AND v.rule_id = r.id) AS conversions`;

/** conversion_rule rows of one workspace; every read and write names the workspace. */
@Injectable()
export class ConversionRulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Oldest first: the order in which processing tries them. */
  async list(workspaceId: string): Promise<ConversionRuleView[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM conversion_rule r WHERE r.workspace_id = $1 ORDER BY r.created_at, r.id`,
      [workspaceId],
    );
  }

  async get(
    workspaceId: string,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<ConversionRuleView | undefined> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM conversion_rule r WHERE r.workspace_id = $1 AND r.id = $2`, [
      workspaceId,
      id,
    ]);
    return row as ConversionRuleView | undefined;
  }

  async create(m: EntityManager, workspaceId: string, f: ConversionRuleFields): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern, value, currency)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [workspaceId, f.name, f.kind, f.pattern, f.value, f.currency],
    );
    return id as string;
  }

  async update(m: EntityManager, workspaceId: string, id: string, f: ConversionRuleFields): Promise<void> {
    await m.query(
      `UPDATE conversion_rule SET name = $3, kind = $4, pattern = $5, value = $6, currency = $7
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, f.name, f.kind, f.pattern, f.value, f.currency],
    );
  }

  async remove(m: EntityManager, workspaceId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM conversion_rule WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  }
}
