import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository } from '../auth/audit.repository.js';
import { actorLabel, type RequestAccess } from '../auth/request-access.js';
import type { UpdateWorkspaceBody } from './dto/workspace-settings.dto.js';
import { FiguresRecompute } from './figures-recompute.service.js';

export type AttributionModelName = 'first_touch' | 'last_touch';

type StoredSettings = {
  id: string;
  slug: string;
  name: string;
  /** Messenger figures' days are in this time zone */
  timeZone: string;
  /** block rate (blocked new contacts / new contacts, last 7 days) over which /api/alerts warns */
  blockRateThreshold: number;
  /** fewest new contacts a page, campaign or ref needs before its block rate can raise an alert */
  blockRateMinContacts: number;
  /** which touch a conversion is credited to */
  attributionModel: AttributionModelName;
  /** how many days before a conversion its touch may lie */
  attributionWindowDays: number;
};

export type WorkspaceSettings = StoredSettings & {
  /** the figures are being recomputed after a time-zone or attribution change */
  recomputing: boolean;
};

/** PATCH's answer: the settings, and a sentence when the change recomputes the figures. */
export type WorkspaceUpdate = WorkspaceSettings & { notice: string | null };

const COLUMNS = `id, slug, name, time_zone AS "timeZone", block_rate_threshold::float8 AS "blockRateThreshold",
  block_rate_min_contacts AS "blockRateMinContacts", attribution_model AS "attributionModel",
  attribution_window_days AS "attributionWindowDays"`;

const MODEL_WORDS: Record<AttributionModelName, string> = {
  first_touch: 'the touch that opened the conversation (first touch)',
  last_touch: 'the latest touch before it (last touch)',
};

/** The caller's workspace settings; changes are audited, and those that move figures recompute them. */
@Injectable()
export class WorkspaceSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
    private readonly recompute: FiguresRecompute,
  ) {}

  async get(workspaceId: string): Promise<WorkspaceSettings> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM workspace WHERE id = $1`, [
      workspaceId,
    ])) as StoredSettings[];
    return { ...row!, recomputing: this.recompute.running(workspaceId) };
  }

  async update(access: RequestAccess, body: UpdateWorkspaceBody): Promise<WorkspaceUpdate> {
    if (body.timeZone !== undefined) await this.checkZoneKnown(body.timeZone);
    const { before, after } = await this.db.transaction(async (m) => {
      const [old] = (await m.query(`SELECT ${COLUMNS} FROM workspace WHERE id = $1 FOR UPDATE`, [
        access.workspaceId,
      ])) as StoredSettings[];
      const [[changed]] = (await m.query(
        `UPDATE workspace SET name = coalesce($2, name), block_rate_threshold = coalesce($3, block_rate_threshold),
           block_rate_min_contacts = coalesce($4, block_rate_min_contacts),
           attribution_model = coalesce($5, attribution_model),
           attribution_window_days = coalesce($6, attribution_window_days),
           time_zone = coalesce($7, time_zone), updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [
          access.workspaceId,
          body.name ?? null,
          body.blockRateThreshold ?? null,
          body.blockRateMinContacts ?? null,
          body.attributionModel ?? null,
          body.attributionWindowDays ?? null,
          body.timeZone ?? null,
        ],
      )) as [StoredSettings[]];
      await this.record(m, access, old!, changed!, body);
      return { before: old!, after: changed! };
    });
    const timeZone = before.timeZone !== after.timeZone;
    const attribution =
      before.attributionModel !== after.attributionModel ||
      before.attributionWindowDays !== after.attributionWindowDays;
    if (timeZone || attribution) this.recompute.start(access.workspaceId, { timeZone, attribution });
    return {
      ...after,
      recomputing: this.recompute.running(access.workspaceId),
      notice: notice(after, timeZone, attribution),
    };
  }

  /** The database files days with its own zone list: a zone it does not know would fail every figure. */
  private async checkZoneKnown(zone: string): Promise<void> {
    const [{ known }] = await this.db.query(`SELECT count(*)::int AS known FROM pg_timezone_names WHERE name = $1`, [
      zone,
    ]);
    if (known === 0)
      throw new BadRequestException(
        `timeZone: ${zone} is not a time zone the database knows; choose an IANA zone such as Europe/Madrid`,
      );
  }

  private record(
    m: EntityManager,
    access: RequestAccess,
    before: StoredSettings,
    after: StoredSettings,
    body: UpdateWorkspaceBody,
  ): Promise<void> {
    const changed = Object.fromEntries(
      (Object.keys(body) as (keyof UpdateWorkspaceBody)[]).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    return this.audit.record(m, {
      workspaceId: access.workspaceId,
      actor: actorLabel(access.actor),
      actorUserId: access.actor.kind === 'user' ? access.actor.userId : null,
      action: 'workspace.updated',
      detail: changed,
    });
  }
}

function notice(after: StoredSettings, timeZone: boolean, attribution: boolean): string | null {
  if (!timeZone && !attribution) return null;
  const parts = [
    ...(timeZone ? [`days are now counted in ${after.timeZone}, so every daily figure is filed again`] : []),
    ...(attribution
      ? [
          `every conversion is credited again to ${MODEL_WORDS[after.attributionModel]} within ` +
            `${after.attributionWindowDays} day${after.attributionWindowDays === 1 ? '' : 's'}`,
        ]
      : []),
  ];
  return (
    `Figures are being recomputed in the background: ${parts.join(', and ')}. ` +
    'Until GET /api/workspace answers recomputing: false, figures may be incomplete.'
  );
}
