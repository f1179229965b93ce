import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { classifySendOutcome, type SendOutcomeKind } from '@ctm/attribution';
import { DataSource } from 'typeorm';
import { ContactBuilder } from './contact-builder.js';
import type { ReportSendOutcomeBody } from './dto/send-outcome.dto.js';

export type ReportedSendOutcome = {
  id: string;
  duplicate: boolean;
  /** How the answer counts: unreachable (551) is kept apart from outside the window and other failures. */
  outcome: SendOutcomeKind;
  /** Whether the person is already a known contact; an unknown PSID is kept and linked when they appear. */
  contactKnown: boolean;
};

/** Send API answers reported by the business (POST /api/send-outcomes): idempotent by their key. */
@Injectable()
export class SendOutcomesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactBuilder,
  ) {}

  /** Records an answer for a page of the caller's workspace; a page of another workspace is not found. */
  async report(workspaceId: string, body: ReportSendOutcomeBody): Promise<ReportedSendOutcome> {
    const [page] = await this.db.query(`SELECT 1 FROM messenger_page WHERE workspace_id = $1 AND page_id = $2`, [
      workspaceId,
      body.page,
    ]);
    if (!page) throw new NotFoundException(`page: ${body.page} is not a connected page of this workspace.`);
    const outcome = classifySendOutcome(body.error);
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO send_outcome (workspace_id, page_id, person_key, time, outcome, error_code, error_subcode, error_message, idempotency_key)
       VALUES ($1, $2, $3, coalesce($4::timestamptz, now()), $5, $6, $7, $8, $9)
       ON CONFLICT (workspace_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        workspaceId,
        body.page,
        body.psid,
        body.time ?? null,
        outcome,
        body.error?.code ?? null,
        body.error?.error_subcode ?? null,
        body.error?.message ?? null,
        body.idempotencyKey,
      ],
    );
    const [row] = inserted.length
      ? inserted
      : await this.db.query(`SELECT id FROM send_outcome WHERE workspace_id = $1 AND idempotency_key = $2`, [
          workspaceId,
          body.idempotencyKey,
        ]);
    const [contact] = await this.db.query(
      `SELECT 1 FROM contact WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3`,
      [workspaceId, body.page, body.psid],
    );
    // a known contact's reachability changes now; an unknown one's when the person appears
    if (contact && inserted.length > 0) {
      const person = { workspaceId, pageId: body.page, personKey: body.psid };
      await this.db.transaction((m) => this.contacts.recompute(m, person));
    }
    return { id: String(row.id), duplicate: inserted.length === 0, outcome, contactKnown: Boolean(contact) };
  }
}
