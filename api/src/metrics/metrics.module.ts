import { Module } from '@nestjs/common';
import { AdRowsService } from './ad-rows.service.js';
import { ContactsService } from './contacts.service.js';
import { TimeseriesService } from './timeseries.service.js';
import { FunnelService } from './funnel.service.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { OverviewService } from './overview.service.js';
import { RefLinksService } from './ref-links.service.js';

/** The metrics API (#7): figures read from the daily rollups, defined once in libs/metrics. */
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsRepository,
    RefLinksService,
    OverviewService,
    AdRowsService,
    ContactsService,
    TimeseriesService,
    FunnelService,
  ],
})
export class MetricsModule {}
