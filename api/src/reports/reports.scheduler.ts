import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { weekDataReady, weekDue } from '@ctm/reports';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { ReportMailer } from './report-mailer.service.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/** Every five minutes: a report is due within five minutes of its hour, and a missed one is caught up. */
const TICK = '*/5 * * * *';

/**
 * Makes each workspace's weekly report once its Monday hour has come in its time zone (06:00 unless
 * set), and sends due e-mails. Every instance ticks; the database's unique key on (workspace, week,
 * kind) lets exactly one of them make a week's report.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
    private readonly repo: ReportsRepository,
    private readonly reports: ReportsService,
    private readonly mailer: ReportMailer,
  ) {}

  onApplicationBootstrap(): void {
    // one-shot commands (npm run report) make only what they are asked for
    if (!this.config.sync.worker) return;
    const job = CronJob.from({ cronTime: TICK, onTick: () => void this.tick() });
    this.registry.addCronJob('reports-weekly', job);
    job.start();
  }

  /**
   * Makes the due weekly reports whose data is in (workspace by workspace: one failing stops no
   * other), then sends e-mails.
   */
  async tick(now = new Date(this.clock.now())): Promise<{ made: string[] }> {
    const made: string[] = [];
    for (const ws of await this.repo.scheduled()) {
      try {
        const week = weekDue(now, ws.timeZone, ws.weeklyTime);
        if (await this.repo.weekly(ws.id, week.week).then((r) => r?.status === 'ready')) continue;
        const { lastSyncAt } = await this.repo.freshness(ws.id);
        const synced = { hasAds: ws.hasAds, lastSyncAt: lastSyncAt ? new Date(lastSyncAt) : null };
        // made once the ads sync has covered the whole week (or a day late without it): never of half a week
        if (!weekDataReady(week, ws.timeZone, ws.weeklyTime, now, synced)) continue;
        const { report, created } = await this.reports.weekly(ws.id, week, 'schedule', now);
        if (created) made.push(report.id);
      } catch (error) {
        this.logger.error(`weekly report of ${ws.slug}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      await this.mailer.deliverDue(now);
    } catch (error) {
      this.logger.error(`report e-mails: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { made };
  }
}
