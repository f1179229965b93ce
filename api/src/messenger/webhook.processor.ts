import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { tryParseDelivery, type MessengerEvent, type ParsedDelivery } from '@ctm/attribution';
import { DataSource, type EntityManager } from 'typeorm';
import { EventIngest } from './event-ingest.js';
import { MessengerRepository, type PendingDelivery } from './messenger.repository.js';

const MAX_ATTEMPTS = 5;
/** Deliveries processed in one transaction. */
const BATCH = 25;
/** Also poll, so deliveries stored by another instance (or before a crash) get processed. */
const POLL_MS = 2_000;

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

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MessengerRepository,
    private readonly ingest: EventIngest,
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
    this.running = this.drain()
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
   * database aborting it), its deliveries are processed one by one, each counted apart.
   */
  async drain(): Promise<number> {
    let total = 0;
    while (!this.stopped) {
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

  private async processBatch(m: EntityManager): Promise<number> {
    const deliveries = await this.repo.claimPending(m, BATCH);
    const byWorkspace = new Map<string, { event: MessengerEvent; deliveryId: string }[]>();
    const counts = new Map<string, number>();
    for (const delivery of deliveries) {
      const routed = await this.route(m, delivery);
      counts.set(delivery.id, routed.count);
      for (const [workspaceId, events] of routed.byWorkspace) {
        const list = byWorkspace.get(workspaceId) ?? [];
        for (const event of events) list.push({ event, deliveryId: delivery.id });
        byWorkspace.set(workspaceId, list);
      }
    }
    for (const [workspaceId, events] of [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      await this.ingest.storeDelivered(m, workspaceId, events);
    }
    for (const delivery of deliveries) await this.repo.markProcessed(m, delivery.id, counts.get(delivery.id) ?? 0);
    return deliveries.length;
  }

  /** Claims and processes one delivery: the fallback when a batch failed, so a bad delivery is counted alone. */
  private async processNext(m: EntityManager): Promise<boolean> {
    const [delivery] = await this.repo.claimPending(m, 1);
    if (!delivery) return false;
    // a savepoint, so a delivery that fails is still counted as an attempt
    await m.query('SAVEPOINT delivery');
    try {
      const events = await this.processDelivery(m, delivery);
      await this.repo.markProcessed(m, delivery.id, events);
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
    for (const [workspaceId, events] of inOrder) await this.ingest.store(m, workspaceId, delivery.id, events);
    return count;
  }

  /** Parses a delivery and quarantines what has no tenant or no known shape; returns its events by workspace. */
  private async route(
    m: EntityManager,
    delivery: PendingDelivery,
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
    const workspaces = await this.repo.workspacesOfPages(m, [...new Set(parsed.delivery.events.map((e) => e.pageId))]);
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
}

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
