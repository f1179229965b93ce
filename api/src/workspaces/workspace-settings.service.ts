import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../auth/audit.repository.js';
import { actorLabel, type RequestAccess } from '../auth/request-access.js';
import type { UpdateWorkspaceBody } from './dto/workspace-settings.dto.js';

export type WorkspaceSettings = {
  id: string;
  slug: string;
  name: string;
  /** Messenger figures' days are in this time zone */
  timeZone: string;
  /** block rate (blocked new contacts / new contacts, last 7 days) over which /api/alerts warns */
  blockRateThreshold: number;
  /** fewest new contacts a page, campaign or ref needs before its block rate can raise an alert */
  blockRateMinContacts: number;
};

const COLUMNS = `id, slug, name, time_zone AS "timeZone", block_rate_threshold::float8 AS "blockRateThreshold",
  block_rate_min_contacts AS "blockRateMinContacts"`;

/** The caller's workspace settings; changes are audited. */
@Injectable()
export class WorkspaceSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async get(workspaceId: string): Promise<WorkspaceSettings> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM workspace WHERE id = $1`, [workspaceId]);
    return row as WorkspaceSettings;
  }

  async update(access: RequestAccess, body: UpdateWorkspaceBody): Promise<WorkspaceSettings> {
    return this.db.transaction(async (m) => {
      const [before] = (await m.query(`SELECT ${COLUMNS} FROM workspace WHERE id = $1 FOR UPDATE`, [
        access.workspaceId,
      ])) as WorkspaceSettings[];
      const [[after]] = (await m.query(
        `UPDATE workspace SET name = coalesce($2, name), block_rate_threshold = coalesce($3, block_rate_threshold),
           block_rate_min_contacts = coalesce($4, block_rate_min_contacts), updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [access.workspaceId, body.name ?? null, body.blockRateThreshold ?? null, body.blockRateMinContacts ?? null],
      )) as [WorkspaceSettings[]];
      const changed = Object.fromEntries(
        (Object.keys(body) as (keyof UpdateWorkspaceBody)[]).map((k) => [k, { from: before![k], to: after![k] }]),
      );
      await this.audit.record(m, {
        workspaceId: access.workspaceId,
        actor: actorLabel(access.actor),
        actorUserId: access.actor.kind === 'user' ? access.actor.userId : null,
        action: 'workspace.updated',
        detail: changed,
      });
      return after!;
    });
  }
}
