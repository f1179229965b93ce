import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ContactBuilder } from './contact-builder.js';
import type { ReportConversionBody } from './dto/conversion.dto.js';

export type ReportedConversion = {
  id: string;
  duplicate: boolean;
  /** Whether the person is already a known contact; an unknown PSID is kept and linked when they appear. */
  contactKnown: boolean;
};

/** Conversions reported by the business (POST /api/conversions): idempotent by their key. */
@Injectable()
export class ConversionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactBuilder,
  ) {}

  /** Records a conversion of the caller's workspace; a page of another workspace is not found. */
  async report(workspaceId: string, body: ReportConversionBody): Promise<ReportedConversion> {
    const [page] = await this.db.query(`SELECT 1 FROM messenger_page WHERE workspace_id = $1 AND page_id = $2`, [
      workspaceId,
      body.page,
    ]);
    if (!page) throw new NotFoundException(`page: ${body.page} is not a connected page of this workspace.`);
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO conversion (workspace_id, page_id, person_key, external_id, event_name, value, currency, time, origin, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), 'api', $9)
       ON CONFLICT (workspace_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        workspaceId,
        body.page,
        body.psid ?? null,
        body.externalId ?? null,
        body.event,
        body.value ?? null,
        body.currency ?? null,
        body.time ?? null,
        `api:${body.idempotencyKey}`,
      ],
    );
    const [row] = inserted.length
      ? inserted
      : await this.db.query(`SELECT id FROM conversion WHERE workspace_id = $1 AND idempotency_key = $2`, [
          workspaceId,
          `api:${body.idempotencyKey}`,
        ]);
    const [contact] = body.psid
      ? await this.db.query(`SELECT 1 FROM contact WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3`, [
          workspaceId,
          body.page,
          body.psid,
        ])
      : [];
    // a known contact's new conversion is credited now; an unknown one when the person appears
    if (contact && inserted.length > 0) {
      const person = { workspaceId, pageId: body.page, personKey: body.psid! };
      await this.db.transaction((m) => this.contacts.recompute(m, person));
    }
    return { id: String(row.id), duplicate: inserted.length === 0, contactKnown: Boolean(contact) };
  }
}
