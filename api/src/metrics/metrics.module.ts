import { Module } from '@nestjs/common';
import { AdsSyncModule } from '../ads-sync/ads-sync.module.js';
import { AdRowsService } from './ad-rows.service.js';
import { AnalysisController } from './analysis.controller.js';
import { CohortsService } from './cohorts.service.js';
import { ReconciliationService } from './reconciliation.service.js';
import { ContactsService } from './contacts.service.js';
import { TimeseriesService } from './timeseries.service.js';
import { FunnelService } from './funnel.service.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { OverviewService } from './overview.service.js';
import { RefLinksService } from './ref-links.service.js';

/** The metrics API (#7): figures read from the daily rollups, defined once in libs/metrics. */
@Module({
  imports: [AdsSyncModule],
  controllers: [MetricsController, AnalysisController],
  providers: [
    MetricsRepository,
    RefLinksService,
    OverviewService,
    AdRowsService,
    ContactsService,
    TimeseriesService,
    FunnelService,
    CohortsService,
    ReconciliationService,
  ],
  // the weekly reports read the same figures through the same services
  exports: [OverviewService, AdRowsService, RefLinksService, ReconciliationService],
})
export class MetricsModule {}
