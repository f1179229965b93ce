import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttributionRecompute } from '../messenger/attribution-recompute.service.js';
import { redateFigures } from './time-zone-redate.js';

export type RecomputeReason = { timeZone: boolean; attribution: boolean };

/**
 * Recomputes a workspace's figures in the background after a settings change: re-dates them under a new
 * time zone (set-based), then credits every conversion again under a new attribution model or window.
 * One workspace's jobs run one after the other, in the order asked. The state is this instance's: another
 * instance answers recomputing: false while this one works.
 */
@Injectable()
export class FiguresRecompute implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FiguresRecompute.name);
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly attribution: AttributionRecompute,
  ) {}

  start(workspaceId: string, reason: RecomputeReason): void {
    const previous = this.jobs.get(workspaceId) ?? Promise.resolve();
    const job: Promise<void> = previous
      .then(() => this.run(workspaceId, reason))
      .catch((error: unknown) => this.logger.error(`recomputing the figures failed: ${String(error)}`))
      .finally(() => {
        if (this.jobs.get(workspaceId) === job) this.jobs.delete(workspaceId);
      });
    this.jobs.set(workspaceId, job);
  }

  running(workspaceId: string): boolean {
    return this.jobs.has(workspaceId);
  }

  /** Resolves once the workspace's jobs asked so far are over. */
  async settled(workspaceId: string): Promise<void> {
    await this.jobs.get(workspaceId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.jobs.values());
  }

  private async run(workspaceId: string, reason: RecomputeReason): Promise<void> {
    const started = performance.now();
    // re-dated first: the attribution recompute's triggers then subtract and add under one zone
    if (reason.timeZone) await this.db.transaction((m) => redateFigures(m, workspaceId));
    if (reason.attribution) await this.attribution.recomputeWorkspace(workspaceId);
    this.logger.log(
      `recomputed the figures of workspace ${workspaceId} in ${Math.round(performance.now() - started)} ms`,
    );
  }
}
