import { Module } from '@nestjs/common';
import { AdsSyncModule } from '../ads-sync/ads-sync.module.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { MetaModule } from '../meta/meta.module.js';
import { AdRowsService } from '../metrics/ad-rows.service.js';
import { MetricsRepository } from '../metrics/metrics.repository.js';
import { OverviewService } from '../metrics/overview.service.js';
import { ReconciliationService } from '../metrics/reconciliation.service.js';
import { RefLinksService } from '../metrics/ref-links.service.js';
import { mailTransportProvider } from './mail-transport.provider.js';
import { ReportFiguresService } from './report-figures.service.js';
import { ReportMailer } from './report-mailer.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsScheduler } from './reports.scheduler.js';
import { ReportsService } from './reports.service.js';

/**
 * Weekly and on-demand reports (#9). The figures come from the metrics services and the alerts'
 * block counts, provided here as the metrics module provides them (it exports none): stateless
 * services over the same rollups, so a report says what the dashboard says.
 */
@Module({
  imports: [AdsSyncModule, MetaModule],
  controllers: [ReportsController],
  providers: [
    MetricsRepository,
    OverviewService,
    AdRowsService,
    RefLinksService,
    ReconciliationService,
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
