import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { QuarantineService } from './quarantine.service.js';

/** Connects the pages of META_PAGE_IDS to META_WORKSPACE, so their webhooks have a tenant. */
@Injectable()
export class MessengerPagesBootstrap implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly workspaces: WorkspacesRepository,
    private readonly quarantine: QuarantineService,
  ) {}

  async onModuleInit(): Promise<void> {
    const { pageIds, workspace } = this.config.meta;
    if (pageIds.length === 0) return;
    const { id } = await this.workspaces.ensure(workspace, workspace);
    for (const pageId of pageIds) {
      await connectPage(this.db, id, { pageId });
      await this.quarantine.releasePage(pageId);
    }
  }
}

/** Connects a page to a workspace (idempotent). A page already connected elsewhere stays where it is. */
export async function connectPage(
  db: DataSource,
  workspaceId: string,
  page: { pageId: string; name?: string; username?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO messenger_page (workspace_id, page_id, name, username) VALUES ($1, $2, $3, $4)
     ON CONFLICT (page_id) DO NOTHING`,
    [workspaceId, page.pageId, page.name ?? null, page.username ?? null],
  );
}
