import { Controller, Get, Res } from '@nestjs/common';
import type { HealthStatus } from '@ctm/domain';
import type { Response } from 'express';
import { HealthService } from './health.service.js';

@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const status = await this.health.check();
    res.status(status.db === 'ok' ? 200 : 503);
    return status;
  }
}
