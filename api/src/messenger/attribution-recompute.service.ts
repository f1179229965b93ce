import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessengerEvent } from '@ctm/attribution';
import { DataSource } from 'typeorm';
import { ContactBuilder } from './contact-builder.js';
import { ConversionMatcher } from './conversion-matcher.js';

/** People derived per statement batch. */
const RECOMPUTE_BATCH = 200;

export type RecomputeResult = { contacts: number; ruleConversions: number };

/**
 * Derives a workspace's contacts, touches and rule conversions again from its stored event log,
 * after a rule or model change. Live processing derives them from the same log with the same
 * functions, so both paths agree.
 */
@Injectable()
export class AttributionRecompute {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactBuilder,
    private readonly conversions: ConversionMatcher,
  ) {}

  async recomputeWorkspace(workspaceId: string): Promise<RecomputeResult> {
    return this.db.transaction(async (m) => {
      await m.query(`DELETE FROM conversion WHERE workspace_id = $1 AND origin = 'rule'`, [workspaceId]);
      // contacts go with their touches and rollup contributions: the daily rollups are rebuilt from nothing
      await m.query(`DELETE FROM contact WHERE workspace_id = $1`, [workspaceId]);
      await m.query(`DELETE FROM observed_daily WHERE workspace_id = $1`, [workspaceId]);
      const inbound: { event: MessengerEvent; person_key: string }[] = await m.query(
        `SELECT event, person_key FROM messenger_event
         WHERE workspace_id = $1 AND kind IN ('message', 'postback') AND person_key IS NOT NULL ORDER BY time, event_id`,
        [workspaceId],
      );
      for (const row of inbound) await this.conversions.fromEvent(m, workspaceId, row.event, row.person_key);
      // contacts last: deriving a contact credits its conversions, the rule ones included
      const people: { page_id: string; person_key: string }[] = await m.query(
        `SELECT DISTINCT page_id, person_key FROM messenger_event WHERE workspace_id = $1 AND person_key IS NOT NULL`,
        [workspaceId],
      );
      for (let i = 0; i < people.length; i += RECOMPUTE_BATCH) {
        const batch = people.slice(i, i + RECOMPUTE_BATCH).map((p) => ({ pageId: p.page_id, personKey: p.person_key }));
        await this.contacts.recomputeMany(m, workspaceId, batch);
      }
      const [contacts] = await m.query(`SELECT count(*)::int AS n FROM contact WHERE workspace_id = $1`, [workspaceId]);
      const [rules] = await m.query(
        `SELECT count(*)::int AS n FROM conversion WHERE workspace_id = $1 AND origin = 'rule'`,
        [workspaceId],
      );
      return { contacts: contacts.n, ruleConversions: rules.n };
    });
  }
}
