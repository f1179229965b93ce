import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { AdsSyncService } from './ads-sync.service.js';
import type { SyncKind } from './sync-runs.repository.js';

/** How often a worker looks for queued runs (from the API or another instance) and dead ones to resume. */
const WORKER_INTERVAL_MS = 15_000;

/**
 * Hourly: structure plus today and yesterday; daily: the last 28 days; in between, a worker that
 * picks up queued runs and resumes runs whose process died.
 */
@Injectable()
export class AdsSyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdsSyncScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly connections: MetaConnections,
    private readonly sync: AdsSyncService,
  ) {}

  onApplicationBootstrap(): void {
    const { hourlyCron, dailyCron } = this.config.sync;
    if (hourlyCron) this.addCron('ads-sync-hourly', hourlyCron, () => this.runAll('hourly'));
    if (dailyCron) this.addCron('ads-sync-daily', dailyCron, () => this.runAll('daily'));
    if (!this.config.sync.worker) return;
    this.registry.addInterval(
      'ads-sync-worker',
      setInterval(() => void this.guard(() => this.sync.drain()), WORKER_INTERVAL_MS),
    );
    void this.guard(() => this.sync.drain());
  }

  /** Queues a run of this kind for every connected account, then works the queue. */
  async runAll(kind: SyncKind): Promise<void> {
    for (const c of this.connections.all()) await this.sync.enqueue(c.workspaceId, c.accountId, kind);
    await this.sync.drain();
  }

  private addCron(name: string, expression: string, task: () => Promise<unknown>): void {
    const job = CronJob.from({ cronTime: expression, onTick: () => void this.guard(task) });
    this.registry.addCronJob(name, job);
    job.start();
  }

  private async guard(task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.error(`scheduled sync failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
