import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessengerEvent } from '@ctm/attribution';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { EventIngest } from './event-ingest.js';

/** Tenant-less events are kept this long for their page to get connected, then dropped. */
export const QUARANTINE_DAYS = 7;

export type QuarantineSummary = { pageId: string | null; reason: string; items: number; oldest: Date; newest: Date };

/**
 * The quarantine: events of pages no workspace connected (never stored under a guessed tenant)
 * and items of unknown shape. A page that gets connected within 7 days gets its events back.
 */
@Injectable()
export class QuarantineService implements OnApplicationBootstrap {
  private readonly logger = new Logger(QuarantineService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: SchedulerRegistry,
    private readonly ingest: EventIngest,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: '10 4 * * *',
      onTick: () => void this.purgeExpired().catch((e: unknown) => this.logger.error(String(e))),
    });
    this.registry.addCronJob('webhook-quarantine-purge', job);
    job.start();
  }

  /** What is waiting, per page and reason: for server admins. */
  async summary(): Promise<QuarantineSummary[]> {
    const rows: { page_id: string | null; reason: string; items: number; oldest: Date; newest: Date }[] =
      await this.db.query(
        `SELECT page_id, reason, count(*)::int AS items, min(received_at) AS oldest, max(received_at) AS newest
       FROM webhook_quarantine GROUP BY page_id, reason ORDER BY newest DESC`,
      );
    return rows.map((r) => ({
      pageId: r.page_id,
      reason: r.reason,
      items: r.items,
      oldest: r.oldest,
      newest: r.newest,
    }));
  }

  /** A page was connected: its quarantined events join its workspace, as if just delivered. */
  async releasePage(pageId: string): Promise<number> {
    return this.db.transaction(async (m) => {
      const [page] = await m.query(`SELECT workspace_id FROM messenger_page WHERE page_id = $1`, [pageId]);
      if (!page) return 0;
      const rows: { id: string; delivery_id: string; item: MessengerEvent }[] = await m.query(
        // through a CTE: TypeORM answers a bare DELETE ... RETURNING with [rows, count]
        `WITH released AS (
           DELETE FROM webhook_quarantine WHERE page_id = $1 AND reason = 'page_not_connected' RETURNING id, delivery_id, item
         ) SELECT * FROM released ORDER BY id`,
        [pageId],
      );
      const byDelivery = new Map<string, MessengerEvent[]>();
      for (const r of rows)
        byDelivery.set(String(r.delivery_id), [...(byDelivery.get(String(r.delivery_id)) ?? []), r.item]);
      for (const [deliveryId, events] of byDelivery) await this.ingest.store(m, page.workspace_id, deliveryId, events);
      if (rows.length) this.logger.log(`page ${pageId} connected: ${rows.length} quarantined events released`);
      return rows.length;
    });
  }

  /** Drops what waited longer than 7 days. */
  async purgeExpired(): Promise<number> {
    const [{ n }] = await this.db.query(
      `WITH dropped AS (
         DELETE FROM webhook_quarantine WHERE received_at < now() - make_interval(days => $1) RETURNING 1
       ) SELECT count(*)::int AS n FROM dropped`,
      [QUARANTINE_DAYS],
    );
    return n;
  }
}
