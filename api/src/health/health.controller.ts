import { Controller, Get, Res } from '@nestjs/common';
import type { HealthStatus } from '@ctm/domain';
import type { Response } from 'express';
import { Public } from '../auth/access.decorator.js';
import { HealthService } from './health.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { healthResponse } from '../openapi/responses/app.js';

@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: load balancers and uptime checks carry no credentials. */
  @Public()
  @ApiDoc({ summary: 'Liveness and database health', response: healthResponse, statuses: [200, 503] })
  @Get()
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const status = await this.health.check();
    res.status(status.db === 'ok' ? 200 : 503);
    return status;
  }
}
