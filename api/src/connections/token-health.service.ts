import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { GraphCallError } from '../meta/graph-call.js';
import { MetaConnections, type MetaConnection } from '../meta/meta-connections.js';
import { ConnectionsGraph, type TokenInfo } from './connections-graph.js';
import { ConnectionsLoader } from './connections.loader.js';
import { ConnectionsRepository, type ConnectionStatus, type SealedConnection } from './connections.repository.js';
import { healthOf } from './token-health.js';

/** `id`: the stored connection's, or `configured:<workspace id>` / `demo:<workspace id>` for a configured token. */
const FIRST_CHECK_DELAY_MS = 60_000;

export type HealthResult = { id: string; status: ConnectionStatus | 'unchecked' };

/**
 * On TOKEN_HEALTH_CRON, asks Meta (debug_token) about every stored token: expiring within 7 days
 * shows a warning; invalid stops that connection's syncs through the token-refused path.
 */
@Injectable()
export class TokenHealthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TokenHealthService.name);
  private firstCheck: NodeJS.Timeout | undefined;

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
    // configured tokens have no row until first checked: check them a minute after start (the
    // demo's and the first sync's calls go first), not six hours later
    this.firstCheck = setTimeout(
      () =>
        void this.checkConfigured().catch((e: unknown) =>
          this.logger.error(`token health check failed: ${e instanceof Error ? e.message : String(e)}`),
        ),
      FIRST_CHECK_DELAY_MS,
    );
    this.firstCheck.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.firstCheck);
  }

  async checkAll(): Promise<HealthResult[]> {
    const results: HealthResult[] = [];
    for (const c of await this.repository.sealed()) results.push({ id: c.id, status: await this.check(c) });
    await this.loader.reload();
    results.push(...(await this.checkConfigured()));
    return results;
  }

  /**
   * The tokens from configuration (META_ACCESS_TOKEN, the demo's): one check per workspace and
   * origin. Invalid stops the syncs of the accounts it connects, as for a stored connection.
   */
  async checkConfigured(): Promise<HealthResult[]> {
    const groups = new Map<string, MetaConnection[]>();
    for (const c of this.connections.configured()) {
      if (c.origin === 'stored') continue;
      const k = `${c.origin === 'config' ? 'configured' : c.origin}:${c.workspaceId}`;
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    const results: HealthResult[] = [];
    for (const [id, accounts] of groups) {
      const origin = id.slice(0, id.indexOf(':')) as 'configured' | 'demo';
      const { workspaceId, accessToken } = accounts[0]!;
      const seen = await this.ask(accessToken, id);
      if (!seen) {
        results.push({ id, status: 'unchecked' });
        continue;
      }
      const { health, info } = seen;
      await this.repository.setConfiguredHealth(workspaceId, origin, {
        tokenLast4: accessToken.slice(-4),
        metaUserId: info?.metaUserId ?? null,
        appId: info?.appId ?? null,
        scopes: info?.scopes ?? [],
        expiresAt: info?.expiresAt ?? null,
        status: health.status,
        statusDetail: health.detail,
      });
      if (health.status === 'invalid') {
        for (const a of accounts) this.connections.markTokenRefused(workspaceId, a.accountId);
        this.logger.warn(`the ${origin} Meta token of workspace ${workspaceId}: ${health.detail}`);
      }
      results.push({ id, status: health.status });
    }
    return results;
  }

  /** debug_token's verdict on a token; undefined when Meta could not be asked this time. */
  private async ask(
    token: string,
    label: string,
  ): Promise<{ health: { status: ConnectionStatus; detail: string | null }; info?: TokenInfo } | undefined> {
    try {
      const info = await this.graph.debugToken(token);
      return { health: healthOf(info, new Date(this.clock.now())), info };
    } catch (error) {
      if (!(error instanceof GraphCallError) || error.failure.kind !== 'token-invalid') {
        const message = error instanceof GraphCallError ? error.failure.message : String(error);
        this.logger.warn(`token health of Meta connection ${label} not checked this time: ${message}`);
        return undefined;
      }
      return {
        health: healthOf({ valid: false, expiresAt: null, error: error.failure.message }, new Date(this.clock.now())),
      };
    }
  }

  private async check(c: SealedConnection): Promise<ConnectionStatus | 'unchecked'> {
    const token = this.loader.open(c.id, c.workspaceId, c.ciphertext);
    if (token === undefined) return 'unchecked';
    const seen = await this.ask(token, c.id);
    if (!seen) return 'unchecked';
    const { health } = seen;
    await this.repository.setHealth(c.id, { ...health, expiresAt: seen.info?.expiresAt ?? null });
    if (health.status === 'invalid') {
      await this.repository.refuseAccounts(c.id, health.detail!);
      for (const a of c.accounts) this.connections.markTokenRefused(c.workspaceId, a.id);
      if (c.status !== 'invalid') this.logger.warn(`Meta connection ${c.id}: ${health.detail}`);
    }
    return health.status;
  }
}
