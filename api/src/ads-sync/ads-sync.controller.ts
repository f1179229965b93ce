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
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import {
  adAccountsResponse,
  startedSyncResponse,
  syncRunResponse,
  syncRunsResponse,
} from '../openapi/responses/sync.js';

@Controller('api/sync')
export class AdsSyncController {
  constructor(private readonly sync: AdsSyncApi) {}

  @Access('admin')
  @ApiDoc({
    summary: 'Start a backfill of an ad account',
    response: startedSyncResponse,
    errors: {
      400: 'since: 2027-01-01 is in the future for this account.',
      404: 'account: act_1 is not a connected ad account of this workspace.',
    },
  })
  @Post()
  @HttpCode(202)
  start(@Current() access: RequestAccess, @Body(new ZodValidationPipe(startSyncSchema)) body: StartSyncBody) {
    return this.sync.startBackfill(access.workspaceId, body);
  }

  /** Connected ad accounts: connection status ("token_invalid" says to reconnect), last syncs. */
  @Access('viewer')
  @ApiDoc({ summary: 'Connected ad accounts and their last syncs', response: adAccountsResponse })
  @Get('accounts')
  accounts(@Current() access: RequestAccess) {
    return this.sync.accounts(access.workspaceId);
  }

  @Access('viewer')
  @ApiDoc({ summary: 'Sync runs, newest first', response: syncRunsResponse })
  @Get('runs')
  list(@Current() access: RequestAccess, @Query(new ZodValidationPipe(listRunsSchema)) query: ListRunsQuery) {
    return this.sync.listRuns(access.workspaceId, query);
  }

  @Access('viewer')
  @ApiDoc({
    summary: 'One sync run and its progress',
    response: syncRunResponse,
    errors: { 404: 'id: no sync run 5d1f8a2e-….' },
  })
  @Get('runs/:id')
  get(@Current() access: RequestAccess, @Param('id', new ZodValidationPipe(runIdSchema)) id: string) {
    return this.sync.getRun(access.workspaceId, id);
  }
}
