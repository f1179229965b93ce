import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { MetaModule } from '../meta/meta.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

/** GET /api/alerts: tokens, syncs, block rates, policy enforcement, silent webhooks, the demo. */
@Module({
  imports: [ConnectionsModule, MetaModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService],
})
export class AlertsModule {}
