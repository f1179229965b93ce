import { Controller, Get } from '@nestjs/common';
import { QuarantineService, type QuarantineSummary } from './quarantine.service.js';

/** Server-level view of the webhook quarantine (admin-only once Workspaces, #6, adds roles). */
@Controller('api/admin/webhook-quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Get()
  summary(): Promise<QuarantineSummary[]> {
    return this.quarantine.summary();
  }
}
