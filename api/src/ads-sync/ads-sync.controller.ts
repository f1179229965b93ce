import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { AdsSyncApi } from './ads-sync.api.js';
import {
  listRunsSchema,
  runIdSchema,
  startSyncSchema,
  type ListRunsQuery,
  type StartSyncBody,
} from './dto/sync.dto.js';

@Controller('api/sync')
export class AdsSyncController {
  constructor(private readonly sync: AdsSyncApi) {}

  @Access('admin')
  @Post()
  @HttpCode(202)
  start(@Current() access: RequestAccess, @Body(new ZodValidationPipe(startSyncSchema)) body: StartSyncBody) {
    return this.sync.startBackfill(access.workspaceId, body);
  }

  /** Connected ad accounts: connection status ("token_invalid" says to reconnect), last syncs. */
  @Access('viewer')
  @Get('accounts')
  accounts(@Current() access: RequestAccess) {
    return this.sync.accounts(access.workspaceId);
  }

  @Access('viewer')
  @Get('runs')
  list(@Current() access: RequestAccess, @Query(new ZodValidationPipe(listRunsSchema)) query: ListRunsQuery) {
    return this.sync.listRuns(access.workspaceId, query);
  }

  @Access('viewer')
  @Get('runs/:id')
  get(@Current() access: RequestAccess, @Param('id', new ZodValidationPipe(runIdSchema)) id: string) {
    return this.sync.getRun(access.workspaceId, id);
  }
}
