import { Body, Controller, Get, Patch } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { updateWorkspaceSchema, type UpdateWorkspaceBody } from './dto/workspace-settings.dto.js';
import { WorkspaceSettingsService, type WorkspaceSettings } from './workspace-settings.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { workspaceSettingsResponse } from '../openapi/responses/workspace.js';

/** The caller's workspace: its name, time zone and alert thresholds. */
@Controller('api/workspace')
export class WorkspaceSettingsController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Access('viewer')
  @ApiDoc({ summary: 'The workspace’s name, time zone and alert thresholds', response: workspaceSettingsResponse })
  @Get()
  get(@Current() access: RequestAccess): Promise<WorkspaceSettings> {
    return this.settings.get(access.workspaceId);
  }

  /** Admins change the name and the block-rate alert's threshold; each change goes to the audit log. */
  @Access('admin')
  @ApiDoc({
    summary: 'Change the workspace’s name or block-rate alert thresholds',
    response: workspaceSettingsResponse,
  })
  @Patch()
  update(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(updateWorkspaceSchema)) body: UpdateWorkspaceBody,
  ): Promise<WorkspaceSettings> {
    return this.settings.update(access, body);
  }
}
