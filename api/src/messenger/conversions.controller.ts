import { Body, Controller, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ConversionsService, type ReportedConversion } from './conversions.service.js';
import { reportConversionSchema, type ReportConversionBody } from './dto/conversion.dto.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { reportedConversionResponse } from '../openapi/responses/messenger.js';

@Controller('api/conversions')
export class ConversionsController {
  constructor(private readonly conversions: ConversionsService) {}

  /** 201 when recorded, 200 when the idempotency key was already recorded. The workspace is the credential's. */
  @Access('admin', { tokenScopes: ['write:conversions', 'admin'] })
  @ApiDoc({
    summary: 'Report a conversion (idempotent by its key)',
    response: reportedConversionResponse,
    statuses: [201, 200],
  })
  @Post()
  async report(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(reportConversionSchema)) body: ReportConversionBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportedConversion> {
    const result = await this.conversions.report(access.workspaceId, body);
    res.status(result.duplicate ? 200 : 201);
    return result;
  }
}
