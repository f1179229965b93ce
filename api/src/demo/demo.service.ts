import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  createWorld,
  startGraphServer,
  startWebhookSender,
  type GraphServer,
  type WebhookSender,
  type World,
} from '@ctm/meta-sim';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdsSyncService } from '../ads-sync/ads-sync.service.js';
import { AdsRepository } from '../ads-sync/ads.repository.js';
import { shiftDay } from '../ads-sync/sync-plan.js';
import { SyncRunsRepository } from '../ads-sync/sync-runs.repository.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { configureSdk } from '../meta/meta-sdk.js';
import { SDK_TIMEOUT_MS } from '../meta/meta.module.js';
import { connectPage } from '../messenger/messenger-pages.bootstrap.js';
import { WebhookSecrets } from '../messenger/webhook-secrets.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';

/** The demo world: fixed seed, so every first start shows the same believable data. */
export const DEMO_WORLD = { seed: 7, size: 'medium' } as const;
export const DEMO_WORKSPACE = { slug: 'demo', name: 'Demo workspace (simulated data)' };
/** Messenger history replayed through the webhook on first start; older history is left out to keep start-up quick. */
const WEBHOOK_BACKLOG_MS = 14 * 86_400_000;

export type DemoStatus =
  | { enabled: false }
  | { enabled: true; workspace: string; world: typeof DEMO_WORLD & { endDate: string }; note: string };

/**
 * With no Meta credentials, runs the Meta simulator in-process, connects its ad accounts to the
 * demo workspace and syncs them through the real SDK, so a first start shows data. Nothing reaches Meta.
 */
@Injectable()
export class DemoService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoService.name);
  private world?: World;
  private graph?: GraphServer;
  private workspaceId?: string;
  private senders: WebhookSender[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspacesRepository,
    private readonly ads: AdsRepository,
    private readonly runs: SyncRunsRepository,
    private readonly connections: MetaConnections,
    private readonly sync: AdsSyncService,
    @Inject(SDK_TIMEOUT_MS) private readonly sdkTimeoutMs: number,
    private readonly secrets: WebhookSecrets,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.demo) return;
    const endDate = new Date().toISOString().slice(0, 10);
    this.world = createWorld({ ...DEMO_WORLD, endDate });
    this.graph = await startGraphServer(this.world);
    // the simulator replaces Graph for this process: META_GRAPH_URL is not used in demo mode
    configureSdk({ graphUrl: this.graph.url, apiVersion: this.config.meta.apiVersion, timeoutMs: this.sdkTimeoutMs });
    const workspace = await this.workspaces.ensure(DEMO_WORKSPACE.slug, DEMO_WORKSPACE.name);
    this.workspaceId = workspace.id;
    for (const page of this.world.pages) {
      await connectPage(this.db, workspace.id, { pageId: page.id, name: page.name, username: page.username });
    }
    await this.ensureConversionRules(workspace.id);
    await this.ensureRefLinks(workspace.id, this.world);
    for (const account of this.world.accounts) {
      await this.ads.ensureAccount(workspace.id, account.id);
      this.connections.add({
        workspaceId: workspace.id,
        accountId: account.id,
        accessToken: this.world.systemUserToken,
        origin: 'demo',
      });
    }
    this.logger.log(
      `Demo mode: Meta simulator (seed ${DEMO_WORLD.seed}, ${DEMO_WORLD.size}) serving ${this.world.accounts.length} ad accounts`,
    );
  }

  /**
   * The simulated business's bot offers "Buy now" and "Get a quote" buttons (payloads PURCHASE and
   * LEAD): what its owner would set as conversion rules. Added once, on a workspace with no rules,
   * so the demo shows conversions; a rule changed or removed later stays so.
   */
  private async ensureConversionRules(workspaceId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern)
       SELECT $1, r.name, 'payload', r.pattern FROM (VALUES ('purchase', 'PURCHASE'), ('lead', 'LEAD')) AS r(name, pattern)
       WHERE NOT EXISTS (SELECT 1 FROM conversion_rule WHERE workspace_id = $1)`,
      [workspaceId],
    );
  }

  /**
   * The simulated business hands out m.me links and QR codes: registered once, on a workspace with no
   * links, so the Ref links page names them. Chat-plugin refs are set on the website, not handed out.
   */
  private async ensureRefLinks(workspaceId: string, world: World): Promise<void> {
    const links = world.refLinks.filter((l) => l.kind !== 'plugin');
    await this.db.query(
      `INSERT INTO ref_link (workspace_id, page_id, ref, label, campaign_tag)
       SELECT $1, l.page_id, l.ref, l.label, l.tag FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS l(page_id, ref, label, tag)
       WHERE NOT EXISTS (SELECT 1 FROM ref_link WHERE workspace_id = $1)`,
      [
        workspaceId,
        links.map((l) => l.pageId),
        links.map((l) => l.ref),
        links.map((l) => l.label),
        links.map((l) => (l.kind === 'qr' ? 'print' : 'online')),
      ],
    );
  }

  /** First start: backfill the world's whole history; later starts: the hourly and daily runs keep it fresh. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.world || !this.workspaceId || !this.config.sync.worker) return;
    const since = shiftDay(this.world.options.endDate, -(this.world.options.size === 'medium' ? 179 : 13));
    for (const account of this.world.accounts) {
      const previous = await this.runs.list({ workspaceId: this.workspaceId, accountId: account.id, limit: 1 });
      if (previous.length > 0) continue;
      const run = await this.sync.enqueue(this.workspaceId, account.id, 'backfill', {
        since,
        until: this.world.options.endDate,
      });
      this.sync.executeInBackground(run.id);
    }
  }

  /**
   * Once the app listens: the simulator subscribes to our webhook like Meta, replays the last days
   * of Messenger activity not yet received, then keeps delivering as the world's time comes.
   */
  async startWebhookDelivery(appUrl: string): Promise<void> {
    if (!this.world || !this.workspaceId || !this.config.sync.worker) return;
    const { appSecret, verifyToken } = this.secrets;
    if (!appSecret || !verifyToken) return;
    const url = `${appUrl}/webhooks/messenger`;
    const now = Date.now();
    const [{ last }] = await this.db.query(
      `SELECT extract(epoch FROM max(time)) * 1000 AS last FROM messenger_event WHERE workspace_id = $1`,
      [this.workspaceId],
    );
    const from = Math.max(now - WEBHOOK_BACKLOG_MS, last ? Number(last) + 1 : 0);
    const end = Date.parse(`${this.world.options.endDate}T00:00:00Z`) + 86_400_000;
    const common = { url, appSecret, verifyToken };
    const backlog = startWebhookSender(this.world, {
      ...common,
      clock: 'fast',
      from,
      to: now,
      // group a minute of world time per POST: the backlog arrives in fewer, fuller deliveries
      tickMs: 60_000,
      maxEventsPerPost: 50,
      concurrency: 4,
    });
    this.senders = [backlog];
    const handshake = await backlog.handshake();
    this.logger.log(
      `Demo webhooks: subscribe handshake ${handshake.ok ? 'accepted' : 'refused'}, replaying since ${new Date(from).toISOString()}`,
    );
    void backlog.run().then((stats) => {
      this.logger.log(`Demo webhooks: replayed ${stats.events} events in ${stats.deliveries} deliveries`);
      if (this.senders.length === 0) return;
      const live = startWebhookSender(this.world!, { ...common, clock: 'realtime', from: now, to: end });
      this.senders.push(live);
      return live.run();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const sender of this.senders) sender.stop();
    this.senders = [];
    await this.graph?.close();
  }

  status(): DemoStatus {
    if (!this.world) return { enabled: false };
    return {
      enabled: true,
      workspace: DEMO_WORKSPACE.slug,
      world: { ...DEMO_WORLD, endDate: this.world.options.endDate },
      note: 'No Meta credentials are configured: every figure comes from the built-in Meta simulator, not from Meta. Set META_ACCESS_TOKEN and META_AD_ACCOUNT_IDS to sync real accounts.',
    };
  }
}
