import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { SESSION_TTL_MS, TOUCH_EVERY_MS } from './auth.constants.js';
import { AuditRepository } from './audit.repository.js';
import type { ChangePasswordBody, FirstRunBody } from './dto/auth.dto.js';
import { PasswordHasher } from './password-hasher.js';
import type { RequestAccess } from './request-access.js';
import { highestRole, type Role } from './roles.js';
import { hashSecret, newSecret } from './secret-token.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository, type MembershipRow } from './users.repository.js';

export type Me = {
  user: { id: string; email: string };
  workspaces: { slug: string; name: string; role: Role }[];
  current: { slug: string; name: string; role: Role };
};

export type ResolvedSession = { access: RequestAccess; highestRole: Role };

/** The same sentence for an unknown email and a wrong password: it must not tell which. */
const BAD_CREDENTIALS = 'Email or password is incorrect.';

/** Users, sessions and first run. */
@Injectable()
export class AuthService {
  private readonly touched = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The workspace whose first owner the first run creates: the demo's, or META_WORKSPACE's. */
  firstRunWorkspace(): string {
    return this.config.demo ? 'demo' : this.config.meta.workspace;
  }

  async firstRunStatus(): Promise<{ needed: boolean; workspace: string }> {
    return { needed: !(await this.users.anyUser()), workspace: this.firstRunWorkspace() };
  }

  /** Creates the first owner and signs them in; refused once any user exists. Returns the session secret. */
  async firstRun(body: FirstRunBody): Promise<string> {
    const passwordHash = await this.hasher.hash(body.password);
    const slug = this.firstRunWorkspace();
    const workspace = await this.workspaces.ensure(slug, slug);
    const user = await this.db.transaction(async (m) => {
      // two first runs at once: the second waits here, then sees the first's user
      await m.query(`LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE`);
      const [{ any }] = await m.query(`SELECT EXISTS (SELECT 1 FROM app_user) AS "any"`);
      if (any) throw new ConflictException('The first owner already exists: sign in, or ask an owner for an account.');
      const created = await this.users.create(m, body.email, passwordHash);
      await this.users.setRole(m, created.id, workspace.id, 'owner');
      await this.audit.record(m, {
        workspaceId: workspace.id,
        actor: 'first run',
        actorUserId: created.id,
        action: 'user.added',
        detail: { email: created.email, role: 'owner' },
      });
      return created;
    });
    return this.createSession(user.id, workspace.id);
  }

  /** Signs in; one answer for an unknown email and a wrong password, after the same work. */
  async signIn(email: string, password: string): Promise<string> {
    const user = await this.users.byEmail(email);
    if (!(await this.hasher.verify(user?.passwordHash, password)) || !user)
      throw new UnauthorizedException(BAD_CREDENTIALS);
    // sign-ins are rare enough to sweep expired sessions on: no job to schedule
    void this.sessions.deleteExpired().catch(() => {});
    return this.createSession(user.id, null);
  }

  async createSession(userId: string, currentWorkspaceId: string | null): Promise<string> {
    const secret = newSecret();
    await this.sessions.create(hashSecret(secret), { userId, currentWorkspaceId, ttlMs: SESSION_TTL_MS });
    return secret;
  }

  async signOut(secret: string | undefined): Promise<void> {
    if (secret) await this.sessions.delete(hashSecret(secret));
  }

  /**
   * The live session of this secret, in the workspace the request names (X-Workspace), else the
   * session's current one, else the user's first. Undefined when the session is unknown or expired.
   */
  async resolveSession(secret: string, requested: string | undefined): Promise<ResolvedSession | undefined> {
    const sessionHash = hashSecret(secret);
    const session = await this.sessions.find(sessionHash);
    if (!session) return undefined;
    this.touch(sessionHash, session.lastSeenAt);
    const memberships = await this.users.memberships(session.userId);
    const current = pickWorkspace(memberships, requested, session.currentWorkspaceId);
    return {
      access: {
        workspaceId: current.workspaceId,
        workspace: current.workspace,
        role: current.role,
        scope: null,
        actor: { kind: 'user', userId: session.userId, email: session.email, sessionHash },
      },
      highestRole: highestRole(memberships.map((m) => m.role))!,
    };
  }

  async me(access: RequestAccess): Promise<Me> {
    if (access.actor.kind !== 'user') throw new ForbiddenException('Only a signed-in user has a profile.');
    const memberships = await this.users.memberships(access.actor.userId);
    const current = memberships.find((m) => m.workspaceId === access.workspaceId)!;
    return {
      user: { id: access.actor.userId, email: access.actor.email },
      workspaces: memberships.map((m) => ({ slug: m.workspace, name: m.workspaceName, role: m.role })),
      current: { slug: current.workspace, name: current.workspaceName, role: current.role },
    };
  }

  /** Makes another of the user's workspaces the session's current one. */
  async switchWorkspace(access: RequestAccess, slug: string): Promise<Me> {
    if (access.actor.kind !== 'user') throw new ForbiddenException('Only a signed-in user has a current workspace.');
    const memberships = await this.users.memberships(access.actor.userId);
    const target = pickWorkspace(memberships, slug, null);
    await this.sessions.setCurrentWorkspace(access.actor.sessionHash, target.workspaceId);
    return this.me({ ...access, workspaceId: target.workspaceId, workspace: target.workspace, role: target.role });
  }

  /** Changes the password and signs the user out of every other session. */
  async changePassword(access: RequestAccess, body: ChangePasswordBody): Promise<void> {
    if (access.actor.kind !== 'user') throw new ForbiddenException('Only a signed-in user has a password.');
    const user = await this.users.byId(access.actor.userId);
    if (!user || !(await this.hasher.verify(user.passwordHash, body.currentPassword)))
      throw new ForbiddenException('currentPassword: that is not your current password.');
    await this.users.setPassword(user.id, await this.hasher.hash(body.newPassword));
    await this.sessions.deleteOthers(user.id, access.actor.sessionHash);
  }

  private touch(sessionHash: string, lastSeenAt: Date): void {
    const now = Date.now();
    const last = Math.max(this.touched.get(sessionHash) ?? 0, new Date(lastSeenAt).getTime());
    if (now - last < TOUCH_EVERY_MS) return;
    this.touched.set(sessionHash, now);
    if (this.touched.size > 10_000) this.touched.clear();
    void this.sessions.touch(sessionHash, SESSION_TTL_MS).catch(() => {});
  }
}

function pickWorkspace(memberships: MembershipRow[], requested: string | undefined, current: string | null) {
  if (memberships.length === 0)
    throw new ForbiddenException('Your account belongs to no workspace: ask an owner to add you to one.');
  if (requested !== undefined) {
    const named = memberships.find((m) => m.workspace === requested);
    if (!named) throw new NotFoundException(`workspace: you have no workspace "${requested}".`);
    return named;
  }
  return memberships.find((m) => m.workspaceId === current) ?? memberships[0]!;
}
