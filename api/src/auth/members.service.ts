import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { AuditRepository } from './audit.repository.js';
import { PasswordHasher } from './password-hasher.js';
import type { Role } from './roles.js';
import { UsersRepository } from './users.repository.js';

export type AddMember = { email: string; workspace: string; role: Role; password?: string; actor: string };
export type AddedMember = { userId: string; email: string; workspace: string; role: Role; created: boolean };

/** Adds people to workspaces and changes their role, with an audit entry for each change. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates the user if new (a password is then required), and gives them the role in the workspace. */
  async add({ email, workspace: slug, role, password, actor }: AddMember): Promise<AddedMember> {
    const workspace = await this.workspaces.bySlug(slug);
    if (!workspace) throw new NotFoundException(`workspace: there is no workspace "${slug}".`);
    const passwordHash = password === undefined ? undefined : await this.hasher.hash(password);
    return this.db.transaction(async (m) => {
      let user = await this.users.byEmail(email, m);
      const created = !user;
      if (!user) {
        if (!passwordHash) throw new BadRequestException(`password: ${email} has no account yet, so it needs one.`);
        user = await this.users.create(m, email, passwordHash);
      }
      const previous = await this.users.setRole(m, user.id, workspace.id, role);
      if (previous !== role) {
        await this.audit.record(m, {
          workspaceId: workspace.id,
          actor,
          actorUserId: null,
          action: previous ? 'role.changed' : 'user.added',
          detail: previous ? { email: user.email, from: previous, to: role } : { email: user.email, role },
        });
      }
      return { userId: user.id, email: user.email, workspace: slug, role, created };
    });
  }
}
