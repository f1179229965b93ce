import { Module } from '@nestjs/common';
import { WorkspacesRepository } from './workspaces.repository.js';

/** Workspaces (tenants). Users, roles and connections arrive with the Workspaces issue (#6). */
@Module({ providers: [WorkspacesRepository], exports: [WorkspacesRepository] })
export class WorkspacesModule {}
