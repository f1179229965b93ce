import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { tryParseDelivery, type MessengerEvent, type ParsedDelivery } from '@ctm/attribution';
import { DataSource, type EntityManager } from 'typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventIngest } from './event-ingest.js';
import { MessengerRepository, type PageActivity, type PendingDelivery } from './messenger.repository.js';
import { WebhookLogWriter } from './webhook-log.writer.js';

const MAX_ATTEMPTS = 5;
/** Deliveries processed in one transaction. */
const BATCH = 100;
/** Also poll, so deliveries stored by another instance (or before a crash) get processed. */
const POLL_MS = 2_000;
/**
 * Receiving comes first. While deliveries arrive faster than BUSY_RATE per second, processing
 * waits, so the CPU and the database go to acknowledging them: Meta waits on every ack and retries
 * slow ones, while figures can be a little late. It waits only while the oldest pending delivery is
 * younger than MAX_LAG_MS: under a sustained flood it processes again, so figures never fall more
 * than about a minute behind by choice. An instance that is not receiving processes at full speed.
 */
const BUSY_RATE = 200;
const MAX_LAG_MS = 60_000;
const BUSY_CHECK_MS = 250;

/**
 * Turns stored deliveries into events, contacts, touches and conversions, after the ack. Claims
 * with FOR UPDATE SKIP LOCKED, so several instances share the log without double counting. Each
 * delivery is its own transaction, taking its row locks in one global order (events by id, then
 * contacts by key): processors working side by side wait for each other but never deadlock.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookProcessor.name);
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private prunedHour = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MessengerRepository,
    private readonly ingest: EventIngest,
    private readonly log: WebhookLogWriter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a drain soon; calls while one runs make it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain({ yieldToReceiving: true })
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`webhook processing failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Processes pending deliveries until none is left; returns how many it processed. A batch of
   * deliveries shares one transaction, its events stored in id order and its people derived in key
   * order, so processors side by side lock in one sequence. If a batch fails (a bad delivery, or the
   * database aborting it), its deliveries are processed one by one, each counted apart. The
   * background loop yields to a burst of deliveries (see BUSY_RATE); a caller asking for a drain
   * (a test, a command) gets it at once.
   */
  async drain({ yieldToReceiving = false }: { yieldToReceiving?: boolean } = {}): Promise<number> {
    let total = 0;
    while (!this.stopped) {
      if (yieldToReceiving && (await this.receivingComesFirst())) {
        await sleep(BUSY_CHECK_MS);
        continue;
      }
      const claimed = await this.db
        .transaction((m) => this.processBatch(m))
        .catch((error: unknown) => {
          this.logger.warn(`a batch of webhook deliveries failed, retried one by one: ${String(error)}`);
          return -1;
        });
      if (claimed === 0) return total;
      if (claimed > 0) total += claimed;
      else for (let i = 0; i < BATCH && (await this.db.transaction((m) => this.processNext(m))); i++) total += 1;
    }
    return total;
  }

  /** True while this instance is receiving a burst and the backlog is young enough to wait. */
  private async receivingComesFirst(): Promise<boolean> {
    if (this.log.arrivalRate() < BUSY_RATE) return false;
    const oldest = await this.repo.oldestPendingAt(this.db.manager);
    return oldest !== undefined && Date.now() - oldest.getTime() < MAX_LAG_MS;
  }

  private async processBatch(m: EntityManager): Promise<number> {
    const deliveries = await this.repo.claimPending(m, BATCH);
    const receivedAt = new Map(deliveries.map((d) => [d.id, d.receivedAt]));
    const byWorkspace = new Map<string, { event: MessengerEvent; deliveryId: string }[]>();
    const counts = new Map<string, number>();
    const pages: PageWorkspaces = new Map();
    for (const delivery of deliveries) {
      const routed = await this.route(m, delivery, pages);
      counts.set(delivery.id, routed.count);
      for (const [workspaceId, events] of routed.byWorkspace) {
        const list = byWorkspace.get(workspaceId) ?? [];
        for (const event of events) list.push({ event, deliveryId: delivery.id });
        byWorkspace.set(workspaceId, list);
      }
    }
    const activity = new ActivityTally();
    for (const [workspaceId, events] of [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      await this.ingest.storeDelivered(m, workspaceId, events);
      for (const { event, deliveryId } of events) activity.add(workspaceId, event.pageId, receivedAt.get(deliveryId)!);
    }
    await this.repo.markProcessed(
      m,
      deliveries.map((d) => ({ id: d.id, events: counts.get(d.id) ?? 0 })),
    );
    await this.repo.recordActivity(m, activity.rows());
    await this.pruneHourly(m);
    return deliveries.length;
  }

  /** Once an hour per instance, activity older than the alerts read goes. */
  private async pruneHourly(m: EntityManager): Promise<void> {
    const hour = Math.floor(Date.now() / 3_600_000);
    if (hour === this.prunedHour) return;
    this.prunedHour = hour;
    await this.repo.pruneActivity(m);
  }

  /** Claims and processes one delivery: the fallback when a batch failed, so a bad delivery is counted alone. */
  private async processNext(m: EntityManager): Promise<boolean> {
    const [delivery] = await this.repo.claimPending(m, 1);
    if (!delivery) return false;
    // a savepoint, so a delivery that fails is still counted as an attempt
    await m.query('SAVEPOINT delivery');
    try {
      const events = await this.processDelivery(m, delivery);
      await this.repo.markProcessed(m, [{ id: delivery.id, events }]);
      await m.query('RELEASE SAVEPOINT delivery');
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT delivery');
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`webhook delivery ${delivery.id} could not be processed: ${message}`);
      await this.repo.markAttemptFailed(m, delivery.id, message, MAX_ATTEMPTS);
    }
    return true;
  }

  private async processDelivery(m: EntityManager, delivery: PendingDelivery): Promise<number> {
    const { count, byWorkspace } = await this.route(m, delivery);
    const inOrder = [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const activity = new ActivityTally();
    for (const [workspaceId, events] of inOrder) {
      await this.ingest.store(m, workspaceId, delivery.id, events);
      for (const event of events) activity.add(workspaceId, event.pageId, delivery.receivedAt);
    }
    await this.repo.recordActivity(m, activity.rows());
    return count;
  }

  /** Parses a delivery and quarantines what has no tenant or no known shape; returns its events by workspace. */
  private async route(
    m: EntityManager,
    delivery: PendingDelivery,
    pages: PageWorkspaces = new Map(),
  ): Promise<{ count: number; byWorkspace: Map<string, MessengerEvent[]> }> {
    const parsed = parseBody(delivery.body);
    if (!parsed.ok) {
      // signed but of a shape we do not know: kept, counted, visible to an admin
      await this.repo.quarantine(m, delivery.id, delivery.receivedAt, {
        reason: 'unknown_shape',
        item: safeJson(delivery.body),
        detail: parsed.error,
      });
      return { count: 0, byWorkspace: new Map() };
    }
    for (const u of parsed.delivery.unknown) {
      await this.repo.quarantine(m, delivery.id, delivery.receivedAt, {
        pageId: u.pageId,
        reason: 'unknown_shape',
        item: u.item,
        detail: u.reason,
      });
    }
    const workspaces = await this.workspacesOf(m, parsed.delivery.events, pages);
    const byWorkspace = new Map<string, MessengerEvent[]>();
    for (const event of parsed.delivery.events) {
      const workspaceId = workspaces.get(event.pageId);
      if (!workspaceId) {
        this.logger.warn(`webhook event for page ${event.pageId}, which no workspace connected: quarantined`);
        await this.repo.quarantine(m, delivery.id, delivery.receivedAt, {
          pageId: event.pageId,
          reason: 'page_not_connected',
          item: event,
        });
        continue;
      }
      byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), event]);
    }
    return { count: parsed.delivery.events.length, byWorkspace };
  }

  /** The workspaces of the events' pages, read once per batch. */
  private async workspacesOf(
    m: EntityManager,
    events: MessengerEvent[],
    pages: PageWorkspaces,
  ): Promise<PageWorkspaces> {
    const unread = [...new Set(events.map((e) => e.pageId))].filter((id) => !pages.has(id));
    if (unread.length > 0) {
      const found = await this.repo.workspacesOfPages(m, unread);
      for (const id of unread) pages.set(id, found.get(id));
    }
    return pages;
  }
}

/** Pages' workspaces as far as read in this transaction (undefined: no workspace connected the page). */
type PageWorkspaces = Map<string, string | undefined>;

type ParsedBody = { ok: true; delivery: ParsedDelivery } | { ok: false; error: string };

function parseBody(body: Buffer): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, error: 'the body is not JSON' };
  }
  const result = tryParseDelivery(json);
  return result.ok ? { ok: true, delivery: result.delivery } : { ok: false, error: result.error.message };
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return { unparsable: body.toString('base64') };
  }
}

/** Webhook events per workspace, page and hour of receipt, with the last receipt. */
class ActivityTally {
  private readonly tally = new Map<string, PageActivity>();

  add(workspaceId: string, pageId: string, receivedAt: Date): void {
    const hour = new Date(Math.floor(receivedAt.getTime() / 3_600_000) * 3_600_000);
    const key = `${workspaceId}/${pageId}/${hour.getTime()}`;
    const row = this.tally.get(key) ?? { workspaceId, pageId, hour, events: 0, lastReceivedAt: receivedAt };
    row.events += 1;
    if (receivedAt > row.lastReceivedAt) row.lastReceivedAt = receivedAt;
    this.tally.set(key, row);
  }

  rows(): PageActivity[] {
    return [...this.tally.values()];
  }
}
