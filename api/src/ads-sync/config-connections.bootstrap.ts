import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { AdsRepository } from './ads.repository.js';

/** Connects the accounts of META_AD_ACCOUNT_IDS, with META_ACCESS_TOKEN, to the META_WORKSPACE workspace. */
@Injectable()
export class ConfigConnectionsBootstrap implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspacesRepository,
    private readonly ads: AdsRepository,
    private readonly connections: MetaConnections,
  ) {}

  async onModuleInit(): Promise<void> {
    const { accessToken, adAccountIds, workspace } = this.config.meta;
    if (!accessToken || adAccountIds.length === 0) return;
    const { id } = await this.workspaces.ensure(workspace, workspace);
    for (const accountId of adAccountIds) {
      await this.ads.ensureAccount(id, accountId);
      this.connections.add({ workspaceId: id, accountId, accessToken, origin: 'config' });
    }
  }
}
