import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { MetaConnections } from '../meta/meta-connections.js';
import { AdsSyncService } from './ads-sync.service.js';
import type { ListRunsQuery, StartSyncBody } from './dto/sync.dto.js';
import { todayIn } from './sync-plan.js';
import { SyncRunsRepository, type SyncRun } from './sync-runs.repository.js';
import { AdsRepository } from './ads.repository.js';

/** What the HTTP API (and the CLI) may ask of the sync: start a backfill, read runs. */
@Injectable()
export class AdsSyncApi {
  constructor(
    private readonly service: AdsSyncService,
    private readonly runs: SyncRunsRepository,
    private readonly connections: MetaConnections,
    private readonly ads: AdsRepository,
  ) {}

  /** A backfill of one of the workspace's connected accounts; another workspace's account is not found. */
  async startBackfill(workspaceId: string, body: StartSyncBody): Promise<{ runId: string; status: SyncRun['status'] }> {
    if (!this.connections.get(workspaceId, body.account))
      throw new NotFoundException(`account: ${body.account} is not a connected ad account of this workspace.`);
    const account = await this.ads.account(workspaceId, body.account);
    const today = todayIn(account?.timezoneName ?? 'UTC', Date.now());
    const until = body.until ?? today;
    if (body.since > today) throw new BadRequestException(`since: ${body.since} is in the future for this account.`);
    const run = await this.service.enqueue(workspaceId, body.account, 'backfill', {
      since: body.since,
      until: until > today ? today : until,
    });
    this.service.executeInBackground(run.id);
    return { runId: run.id, status: run.status };
  }

  accounts(workspaceId: string) {
    return this.ads.accounts(workspaceId);
  }

  listRuns(workspaceId: string, query: ListRunsQuery): Promise<SyncRun[]> {
    return this.runs.list({ workspaceId, accountId: query.account, limit: query.limit });
  }

  async getRun(workspaceId: string, id: string): Promise<SyncRun> {
    const run = await this.runs.get(id, workspaceId);
    if (!run) throw new NotFoundException(`id: no sync run ${id}.`);
    return run;
  }
}
