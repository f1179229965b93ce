import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { conversionRuleResponse, conversionRulesResponse } from '../openapi/responses/conversion-rules.js';
import {
  conversionRuleIdSchema,
  createConversionRuleSchema,
  updateConversionRuleSchema,
  type CreateConversionRuleBody,
  type UpdateConversionRuleBody,
} from './dto/conversion-rule.dto.js';
import type { ConversionRuleView } from './conversion-rules.repository.js';
import { ConversionRulesService } from './conversion-rules.service.js';

const APPLIES =
  'Rules are read for each webhook delivery as it is processed: a new or changed rule counts the messages received ' +
  'from then on. Messages received before are not matched again, and conversions already counted stay (a deleted ' +
  'rule’s conversions too), until the workspace’s attribution model or window changes, which derives every ' +
  'conversion again from the stored messages with the rules of that moment. When several rules match one message, ' +
  'the oldest rule counts it, once.';
const TOGETHER = 'currency: value and currency go together: give both (e.g. 45 and EUR) or neither';

/** Conversion rules: viewers read, admins and owners write; each write is audited. */
@Controller('api/conversion-rules')
export class ConversionRulesController {
  constructor(private readonly rules: ConversionRulesService) {}

  @Access('viewer')
  @ApiDoc({ summary: 'The workspace’s conversion rules', description: APPLIES, response: conversionRulesResponse })
  @Get()
  list(@Current() access: RequestAccess): Promise<ConversionRuleView[]> {
    return this.rules.list(access.workspaceId);
  }

  @Access('admin')
  @ApiDoc({
    summary: 'Add a conversion rule (applies to messages received from now on)',
    description: APPLIES,
    response: conversionRuleResponse,
    errors: { 400: TOGETHER },
  })
  @Post()
  create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createConversionRuleSchema)) body: CreateConversionRuleBody,
  ): Promise<ConversionRuleView> {
    return this.rules.create(access, body);
  }

  @Access('admin')
  @ApiDoc({
    summary: 'Change a conversion rule (applies to messages received from now on)',
    description: APPLIES,
    response: conversionRuleResponse,
    errors: { 400: TOGETHER },
  })
  @Patch(':id')
  update(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(conversionRuleIdSchema)) id: string,
    @Body(new ZodValidationPipe(updateConversionRuleSchema)) body: UpdateConversionRuleBody,
  ): Promise<ConversionRuleView> {
    return this.rules.update(access, id, body);
  }

  @Access('admin')
  @ApiDoc({
    summary: 'Delete a conversion rule (the conversions it counted stay)',
    description: APPLIES,
    response: conversionRuleResponse,
  })
  @Delete(':id')
  remove(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(conversionRuleIdSchema)) id: string,
  ): Promise<ConversionRuleView> {
    return this.rules.remove(access, id);
  }
}
