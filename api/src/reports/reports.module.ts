import { Module } from '@nestjs/common';
import { AdsSyncModule } from '../ads-sync/ads-sync.module.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { MetaModule } from '../meta/meta.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { mailTransportProvider } from './mail-transport.provider.js';
import { ReportFiguresService } from './report-figures.service.js';
import { ReportMailer } from './report-mailer.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsScheduler } from './reports.scheduler.js';
import { ReportsService } from './reports.service.js';

/**
 * Weekly and on-demand reports (#9). The figures come from the metrics module's own services and
 * the alerts' block counts, so a report says what the dashboard says.
 */
@Module({
  imports: [AdsSyncModule, MetaModule, MetricsModule],
  controllers: [ReportsController],
  providers: [
    AlertsRepository,
    mailTransportProvider,
    ReportsRepository,
    ReportFiguresService,
    ReportsService,
    ReportMailer,
    ReportsScheduler,
  ],
  exports: [ReportsService, ReportsScheduler, ReportMailer],
})
export class ReportsModule {}
