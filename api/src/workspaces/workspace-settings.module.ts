import { Module } from '@nestjs/common';
import { AuditRepository } from '../auth/audit.repository.js';
import { MessengerModule } from '../messenger/messenger.module.js';
import { FiguresRecompute } from './figures-recompute.service.js';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

/** GET/PATCH /api/workspace (apart from WorkspacesModule, which auth itself imports). */
@Module({
  imports: [MessengerModule],
  controllers: [WorkspaceSettingsController],
  // auth's repository, provided here too (auth does not export it): it holds no state
  providers: [WorkspaceSettingsService, FiguresRecompute, AuditRepository],
})
export class WorkspaceSettingsModule {}
