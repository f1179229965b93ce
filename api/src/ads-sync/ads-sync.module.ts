import { Module } from '@nestjs/common';
import { MetaModule } from '../meta/meta.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { AccountLock } from './account-lock.js';
import { AdsSyncApi } from './ads-sync.api.js';
import { AdsSyncController } from './ads-sync.controller.js';
import { AdsSyncScheduler } from './ads-sync.scheduler.js';
import { AdsSyncService } from './ads-sync.service.js';
import { AdsRepository } from './ads.repository.js';
import { ConfigConnectionsBootstrap } from './config-connections.bootstrap.js';
import { ReachService } from './reach.service.js';
import { SyncRunsRepository } from './sync-runs.repository.js';

@Module({
  imports: [MetaModule, WorkspacesModule],
  controllers: [AdsSyncController],
  providers: [
    AccountLock,
    AdsRepository,
    SyncRunsRepository,
    AdsSyncService,
    AdsSyncApi,
    AdsSyncScheduler,
    ConfigConnectionsBootstrap,
    ReachService,
  ],
  exports: [AdsSyncService, AdsRepository, SyncRunsRepository, ReachService],
})
export class AdsSyncModule {}
