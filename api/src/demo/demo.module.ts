import { Module } from '@nestjs/common';
import { AdsSyncModule } from '../ads-sync/ads-sync.module.js';
import { MessengerModule } from '../messenger/messenger.module.js';
import { MetaModule } from '../meta/meta.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { DemoController } from './demo.controller.js';
import { DemoService } from './demo.service.js';

// imports MetaModule so that its SDK set-up runs first and the demo's simulator URL wins
@Module({
  imports: [MetaModule, WorkspacesModule, AdsSyncModule, MessengerModule],
  controllers: [DemoController],
  providers: [DemoService],
})
export class DemoModule {}
