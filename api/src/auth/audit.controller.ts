import { Controller, Get, Query } from '@nestjs/common';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { Access } from './access.decorator.js';
import { AuditRepository, type AuditEntry } from './audit.repository.js';
import { Current } from './current.decorator.js';
import { auditQuerySchema, type AuditQuery } from './dto/token.dto.js';
import type { RequestAccess } from './request-access.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { auditResponse } from '../openapi/responses/access.js';

/** The workspace's audit log, newest first, for its owners. */
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Access('owner')
  @ApiDoc({ summary: 'The workspace’s audit log', response: auditResponse })
  @Get()
  list(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery,
  ): Promise<AuditEntry[]> {
    return this.audit.list(access.workspaceId, query.limit);
  }
}
