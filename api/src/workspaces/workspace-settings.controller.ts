import { Body, Controller, Get, Patch } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { updateWorkspaceSchema, type UpdateWorkspaceBody } from './dto/workspace-settings.dto.js';
import {
  WorkspaceSettingsService,
  type WorkspaceSettings,
  type WorkspaceUpdate,
} from './workspace-settings.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { workspaceSettingsResponse, workspaceUpdateResponse } from '../openapi/responses/workspace.js';

const UPDATE_DOC =
  'A new time zone files every daily figure again under it (the days of contacts, conversions, cohorts and ' +
  'first responses move), and a new attribution model or window credits every conversion again from the stored ' +
  'messages, with the conversion rules of that moment. Both run in the background: the answer says so in `notice`, ' +
  'and GET /api/workspace answers `recomputing: true` until the figures are complete again.';

/** The caller's workspace: its name, time zone, attribution and alert thresholds. */
@Controller('api/workspace')
export class WorkspaceSettingsController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Access('viewer')
  @ApiDoc({
    summary: 'The workspace’s name, time zone, attribution and alert thresholds',
    response: workspaceSettingsResponse,
  })
  @Get()
  get(@Current() access: RequestAccess): Promise<WorkspaceSettings> {
    return this.settings.get(access.workspaceId);
  }

  /** Admins change the settings; each change goes to the audit log, and time-zone or attribution changes recompute the figures. */
  @Access('admin')
  @ApiDoc({
    summary: 'Change the workspace’s name, time zone, attribution model and window, or block-rate alert thresholds',
    description: UPDATE_DOC,
    response: workspaceUpdateResponse,
    errors: { 400: 'timeZone must be an IANA time zone such as Europe/Madrid, America/New_York or UTC' },
  })
  @Patch()
  update(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(updateWorkspaceSchema)) body: UpdateWorkspaceBody,
  ): Promise<WorkspaceUpdate> {
    return this.settings.update(access, body);
  }
}
