import { Controller, Get } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { QuarantineService, type QuarantineSummary } from './quarantine.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { quarantineResponse } from '../openapi/responses/messenger.js';

/**
 * Server-level view of the webhook quarantine: events of pages no workspace connected, so no
 * workspace role covers them. There is no server-admin role; the owners of any workspace (the people
 * who connect pages) may read it. It lists page ids and counts, never the events' content.
 */
@Controller('api/admin/webhook-quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Access('owner', { server: true, tokenScopes: [] })
  @ApiDoc({ summary: 'Quarantined webhook events (server-wide)', response: quarantineResponse })
  @Get()
  summary(): Promise<QuarantineSummary[]> {
    return this.quarantine.summary();
  }
}
