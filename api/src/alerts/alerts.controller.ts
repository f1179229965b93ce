import { Controller, Get } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { AlertsService, type Alerts } from './alerts.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { alertsResponse } from '../openapi/responses/alerts.js';

@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** What needs attention now in the caller's workspace, worst first. */
  @Access('viewer')
  @ApiDoc({ summary: 'What needs attention now, worst first', response: alertsResponse })
  @Get()
  list(@Current() access: RequestAccess): Promise<Alerts> {
    return this.alerts.report(access.workspaceId);
  }
}
