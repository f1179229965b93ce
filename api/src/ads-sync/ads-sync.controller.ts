import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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

  @Post()
  @HttpCode(202)
  start(@Body(new ZodValidationPipe(startSyncSchema)) body: StartSyncBody) {
    return this.sync.startBackfill(body);
  }

  /** Connected ad accounts: connection status ("token_invalid" says to reconnect), last syncs. */
  @Get('accounts')
  accounts() {
    return this.sync.accounts();
  }

  @Get('runs')
  list(@Query(new ZodValidationPipe(listRunsSchema)) query: ListRunsQuery) {
    return this.sync.listRuns(query);
  }

  @Get('runs/:id')
  get(@Param('id', new ZodValidationPipe(runIdSchema)) id: string) {
    return this.sync.getRun(id);
  }
}
