import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createWorld, startGraphServer, type GraphServer, type World } from '@ctm/meta-sim';
import { AdsSyncService } from '../ads-sync/ads-sync.service.js';
import { AdsRepository } from '../ads-sync/ads.repository.js';
import { shiftDay } from '../ads-sync/sync-plan.js';
import { SyncRunsRepository } from '../ads-sync/sync-runs.repository.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { configureSdk } from '../meta/meta-sdk.js';
import { SDK_TIMEOUT_MS } from '../meta/meta.module.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';

/** The demo world: fixed seed, so every first start shows the same believable data. */
export const DEMO_WORLD = { seed: 7, size: 'medium' } as const;
export const DEMO_WORKSPACE = { slug: 'demo', name: 'Demo workspace (simulated data)' };

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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspacesRepository,
    private readonly ads: AdsRepository,
    private readonly runs: SyncRunsRepository,
    private readonly connections: MetaConnections,
    private readonly sync: AdsSyncService,
    @Inject(SDK_TIMEOUT_MS) private readonly sdkTimeoutMs: number,
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

  async onApplicationShutdown(): Promise<void> {
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
