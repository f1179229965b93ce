import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { GraphCallError } from '../meta/graph-call.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { ConnectionsGraph } from './connections-graph.js';
import { ConnectionsLoader } from './connections.loader.js';
import { ConnectionsRepository, type ConnectionStatus, type SealedConnection } from './connections.repository.js';
import { healthOf } from './token-health.js';

export type HealthResult = { id: string; status: ConnectionStatus | 'unchecked' };

/**
 * On TOKEN_HEALTH_CRON, asks Meta (debug_token) about every stored token: expiring within 7 days
 * shows a warning; invalid stops that connection's syncs through the token-refused path.
 */
@Injectable()
export class TokenHealthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TokenHealthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
    private readonly repository: ConnectionsRepository,
    private readonly graph: ConnectionsGraph,
    private readonly loader: ConnectionsLoader,
    private readonly connections: MetaConnections,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.connections.healthCron;
    if (!cron || !this.config.sync.worker) return;
    const job = CronJob.from({
      cronTime: cron,
      onTick: () =>
        void this.checkAll().catch((e: unknown) =>
          this.logger.error(`token health check failed: ${e instanceof Error ? e.message : String(e)}`),
        ),
    });
    this.registry.addCronJob('meta-token-health', job);
    job.start();
  }

  async checkAll(): Promise<HealthResult[]> {
    const results: HealthResult[] = [];
    for (const c of await this.repository.sealed()) results.push({ id: c.id, status: await this.check(c) });
    await this.loader.reload();
    return results;
  }

  private async check(c: SealedConnection): Promise<ConnectionStatus | 'unchecked'> {
    const token = this.loader.open(c.id, c.workspaceId, c.ciphertext);
    if (token === undefined) return 'unchecked';
    let health: { status: ConnectionStatus; detail: string | null };
    let expiresAt: Date | null = null;
    try {
      const info = await this.graph.debugToken(token);
      health = healthOf(info, new Date(this.clock.now()));
      expiresAt = info.expiresAt;
    } catch (error) {
      if (!(error instanceof GraphCallError) || error.failure.kind !== 'token-invalid') {
        const message = error instanceof GraphCallError ? error.failure.message : String(error);
        this.logger.warn(`token health of Meta connection ${c.id} not checked this time: ${message}`);
        return 'unchecked';
      }
      health = healthOf({ valid: false, expiresAt: null, error: error.failure.message }, new Date(this.clock.now()));
    }
    await this.repository.setHealth(c.id, { ...health, expiresAt });
    if (health.status === 'invalid') {
      await this.repository.refuseAccounts(c.id, health.detail!);
      for (const a of c.accounts) this.connections.markTokenRefused(c.workspaceId, a.id);
      if (c.status !== 'invalid') this.logger.warn(`Meta connection ${c.id}: ${health.detail}`);
    }
    return health.status;
  }
}
