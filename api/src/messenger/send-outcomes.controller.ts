import { Body, Controller, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { reportSendOutcomeSchema, type ReportSendOutcomeBody } from './dto/send-outcome.dto.js';
import { SendOutcomesService, type ReportedSendOutcome } from './send-outcomes.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { reportedSendOutcomeResponse } from '../openapi/responses/messenger.js';

@Controller('api/send-outcomes')
export class SendOutcomesController {
  constructor(private readonly outcomes: SendOutcomesService) {}

  /**
   * 201 when recorded, 200 when the idempotency key was already recorded. The workspace is the
   * credential's; the business's systems use a token of scope write:conversions, as for conversions.
   */
  @Access('admin', { tokenScopes: ['write:conversions', 'admin'] })
  @ApiDoc({
    summary: 'Report what the Send API answered (idempotent by its key)',
    response: reportedSendOutcomeResponse,
    statuses: [201, 200],
  })
  @Post()
  async report(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(reportSendOutcomeSchema)) body: ReportSendOutcomeBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportedSendOutcome> {
    const result = await this.outcomes.report(access.workspaceId, body);
    res.status(result.duplicate ? 200 : 201);
    return result;
  }
}
