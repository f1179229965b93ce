import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessengerEvent } from '@ctm/attribution';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { RawObject } from '../meta/marketing-api.js';
import { MetaClientFactory } from '../meta/meta-client.factory.js';
import { PageTokens } from '../meta/page-tokens.js';
import { EventIngest } from './event-ingest.js';

/** How far back the first backfill of a page reads. */
const FIRST_RUN_MS = 30 * 86_400_000;

export type BackfillResult = { pageId: string; conversations: number; messages: number; newEvents: number };

/**
 * Reads each connected page's conversations and messages through Graph since its last run and
 * stores the messages webhooks missed (server down, subscription lapsed). Messages keep their mid,
 * so one seen both ways is stored once.
 */
@Injectable()
export class ConversationBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConversationBackfill.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: SchedulerRegistry,
    private readonly clients: MetaClientFactory,
    private readonly tokens: PageTokens,
    private readonly ingest: EventIngest,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.messenger.backfillCron;
    if (!cron || !this.config.sync.worker) return;
    if (this.config.demo) {
      // the demo's simulator delivers every webhook, and its conversations edge scans the whole world per thread
      this.logger.log('conversation backfill is off in the demo: its webhooks miss nothing');
      return;
    }
    const job = CronJob.from({
      cronTime: cron,
      onTick: () => void this.runAll().catch((e: unknown) => this.logger.error(String(e))),
    });
    this.registry.addCronJob('conversation-backfill', job);
    job.start();
  }

  async runAll(): Promise<BackfillResult[]> {
    const pages: { workspace_id: string; page_id: string }[] = await this.db.query(
      `SELECT workspace_id, page_id FROM messenger_page`,
    );
    const results: BackfillResult[] = [];
    for (const p of pages) {
      const result = await this.backfillPage(p.workspace_id, p.page_id);
      if (result) results.push(result);
    }
    return results;
  }

  async backfillPage(workspaceId: string, pageId: string): Promise<BackfillResult | undefined> {
    const token = await this.tokens.get(pageId);
    if (!token) {
      this.logger.warn(
        `conversation backfill: no page token for ${pageId}; connect the page with a token that manages it`,
      );
      return undefined;
    }
    const startedAt = Date.now();
    const [row] = await this.db.query(`SELECT backfilled_until FROM messenger_page WHERE page_id = $1`, [pageId]);
    const since = row?.backfilled_until ? new Date(row.backfilled_until).getTime() : startedAt - FIRST_RUN_MS;
    const api = this.clients.create(token, () => {});
    const events: MessengerEvent[] = [];
    let conversations = 0;
    outer: for await (const page of api.conversations(pageId)) {
      for (const conversation of page) {
        // threads come most recently updated first: the rest are older than the last run
        if (graphTime(conversation['updated_time']) <= since) break outer;
        conversations++;
        for await (const messages of api.messages(pageId, String(conversation['id']))) {
          const fresh = messages.map((m) => toEvent(pageId, m)).filter((e) => e.time > since);
          events.push(...fresh);
          if (fresh.length < messages.length) break;
        }
      }
    }
    const newEvents = await this.store(workspaceId, events);
    await this.db.query(`UPDATE messenger_page SET backfilled_until = to_timestamp($2 / 1000.0) WHERE page_id = $1`, [
      pageId,
      startedAt,
    ]);
    return { pageId, conversations, messages: events.length, newEvents };
  }

  private async store(workspaceId: string, events: MessengerEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    // a backfilled message has no delivery: that is how its contact's source is told apart
    return this.db.transaction((m) => this.ingest.store(m, workspaceId, null, events));
  }
}

/** A Graph message as the webhook would have carried it: same mid, same person, same time. */
function toEvent(pageId: string, m: RawObject): MessengerEvent {
  const from = (m['from'] as { id?: string } | undefined)?.id;
  const to = (m['to'] as { data?: { id?: string }[] } | undefined)?.data?.[0]?.id;
  const fromPage = from === pageId;
  const mid = String(m['id']);
  return {
    id: `mid:${mid}`,
    pageId,
    psid: fromPage ? to : from,
    time: graphTime(m['created_time']),
    kind: fromPage ? 'echo' : 'message',
    mid,
    text: typeof m['message'] === 'string' && m['message'] !== '' ? m['message'] : undefined,
  };
}

/** Graph writes `2026-11-20T10:00:00+0000`; Date.parse wants `+00:00`. */
function graphTime(value: unknown): number {
  return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
