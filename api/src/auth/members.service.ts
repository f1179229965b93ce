import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { AuditRepository } from './audit.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { actorLabel, type RequestAccess } from './request-access.js';
import type { Role } from './roles.js';
import { UsersRepository, type MemberRow } from './users.repository.js';

export type AddMember = { email: string; workspace: string; role: Role; password?: string; actor: string };
export type AddedMember = { userId: string; email: string; workspace: string; role: Role; created: boolean };

/** Who acts; `owner` says whether they may make, change or remove an owner. */
type Actor = { label: string; userId: string | null; owner: boolean };

/** Adds people to workspaces, changes their role, removes them, with an audit entry for each change. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** From the command line: creates the user if new (a password is then required) and gives them the role. */
  async add({ email, workspace: slug, role, password, actor }: AddMember): Promise<AddedMember> {
    const workspace = await this.workspaces.bySlug(slug);
    if (!workspace) throw new NotFoundException(`workspace: there is no workspace "${slug}".`);
    const member = await this.upsert(
      workspace.id,
      { email, role, password },
      { label: actor, userId: null, owner: true },
    );
    return { ...member, workspace: slug };
  }

  list(workspaceId: string): Promise<MemberRow[]> {
    return this.users.members(workspaceId);
  }

  /** From the API: only an owner may make an owner. */
  async addByRequest(access: RequestAccess, body: { email: string; role: Role; password?: string }) {
    const member = await this.upsert(access.workspaceId, body, actorOf(access));
    return { userId: member.userId, email: member.email, role: member.role, created: member.created };
  }

  /** Changes a member's role; only an owner may touch an owner's, and the last owner stays. */
  async changeRole(access: RequestAccess, userId: string, role: Role): Promise<MemberRow> {
    return this.db.transaction(async (m) => {
      const member = await this.member(m, access.workspaceId, userId);
      requireOwnerFor(access, role, member.role);
      if (member.role === 'owner' && role !== 'owner') await this.keepAnOwner(m, access.workspaceId);
      await this.users.setRole(m, userId, access.workspaceId, role);
      if (member.role !== role) {
        await this.record(m, access.workspaceId, actorOf(access), 'role.changed', {
          email: member.email,
          from: member.role,
          to: role,
        });
      }
      return { ...member, role };
    });
  }

  async remove(access: RequestAccess, userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const member = await this.member(m, access.workspaceId, userId);
      requireOwnerFor(access, member.role);
      if (member.role === 'owner') await this.keepAnOwner(m, access.workspaceId);
      await this.users.removeMembership(m, userId, access.workspaceId);
      await this.record(m, access.workspaceId, actorOf(access), 'user.removed', {
        email: member.email,
        role: member.role,
      });
    });
  }

  private async upsert(
    workspaceId: string,
    { email, role, password }: { email: string; role: Role; password?: string },
    actor: Actor,
  ) {
    const passwordHash = password === undefined ? undefined : await this.hasher.hash(password);
    return this.db.transaction(async (m) => {
      let user = await this.users.byEmail(email, m);
      const created = !user;
      if (!user) {
        if (!passwordHash) throw new BadRequestException(`password: ${email} has no account yet, so it needs one.`);
        user = await this.users.create(m, email, passwordHash);
      }
      const previous = await this.users.setRole(m, user.id, workspaceId, role);
      if (!actor.owner && (role === 'owner' || previous === 'owner')) throw ownersOnly();
      if (previous === 'owner' && role !== 'owner') await this.keepAnOwner(m, workspaceId);
      if (previous !== role) {
        await this.record(
          m,
          workspaceId,
          actor,
          previous ? 'role.changed' : 'user.added',
          previous ? { email: user.email, from: previous, to: role } : { email: user.email, role },
        );
      }
      return { userId: user.id, email: user.email, role, created };
    });
  }

  private async member(m: EntityManager, workspaceId: string, userId: string): Promise<MemberRow> {
    const member = (await this.users.members(workspaceId, m)).find((r) => r.userId === userId);
    if (!member) throw new NotFoundException(`userId: this workspace has no member ${userId}.`);
    return member;
  }

  private async keepAnOwner(m: EntityManager, workspaceId: string): Promise<void> {
    const owners = (await this.users.members(workspaceId, m)).filter((r) => r.role === 'owner');
    if (owners.length <= 1)
      throw new ConflictException('A workspace keeps at least one owner: make another owner first.');
  }

  private record(
    m: EntityManager,
    workspaceId: string,
    actor: Actor,
    action: 'user.added' | 'user.removed' | 'role.changed',
    detail: object,
  ) {
    return this.audit.record(m, { workspaceId, actor: actor.label, actorUserId: actor.userId, action, detail });
  }
}

function actorOf(access: RequestAccess): Actor {
  return {
    label: actorLabel(access.actor),
    userId: access.actor.kind === 'user' ? access.actor.userId : null,
    owner: access.role === 'owner',
  };
}

function requireOwnerFor(access: RequestAccess, ...roles: Role[]): void {
  if (roles.includes('owner') && access.role !== 'owner') throw ownersOnly();
}

function ownersOnly(): ForbiddenException {
  return new ForbiddenException('Only an owner may make, change or remove an owner.');
}
