import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from './roles.js';

export type UserRow = { id: string; email: string; passwordHash: string };
export type MemberRow = { userId: string; email: string; role: Role; since: Date };
export type MembershipRow = { workspaceId: string; workspace: string; workspaceName: string; role: Role };

/** app_user and membership: who can sign in, and their role in each workspace. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async anyUser(): Promise<boolean> {
    const [row] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM app_user) AS "any"`);
    return Boolean(row.any);
  }

  async byEmail(email: string, m: EntityManager = this.db.manager): Promise<UserRow | undefined> {
    const [row] = await m.query(
      `SELECT id, email, password_hash AS "passwordHash" FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    return row as UserRow | undefined;
  }

  async byId(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.query(`SELECT id, email, password_hash AS "passwordHash" FROM app_user WHERE id = $1`, [
      id,
    ]);
    return row as UserRow | undefined;
  }

  async create(m: EntityManager, email: string, passwordHash: string): Promise<UserRow> {
    const [row] = await m.query(
      `INSERT INTO app_user (email, password_hash) VALUES ($1, $2) RETURNING id, email, password_hash AS "passwordHash"`,
      [email, passwordHash],
    );
    return row as UserRow;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.query(`UPDATE app_user SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
    ]);
  }

  /** Sets the user's role in the workspace; returns the previous role (undefined for a new member). */
  async setRole(m: EntityManager, userId: string, workspaceId: string, role: Role): Promise<Role | undefined> {
    const [previous] = await m.query(
      `SELECT role FROM membership WHERE user_id = $1 AND workspace_id = $2 FOR UPDATE`,
      [userId, workspaceId],
    );
    await m.query(
      `INSERT INTO membership (user_id, workspace_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [userId, workspaceId, role],
    );
    return previous?.role as Role | undefined;
  }

  /** The user's workspaces with their role, oldest membership first. */
  async memberships(userId: string): Promise<MembershipRow[]> {
    return (await this.db.query(
      `SELECT m.workspace_id AS "workspaceId", w.slug AS workspace, w.name AS "workspaceName", m.role
       FROM membership m JOIN workspace w ON w.id = m.workspace_id
       WHERE m.user_id = $1 ORDER BY m.created_at, w.slug`,
      [userId],
    )) as MembershipRow[];
  }

  /** The workspace's members, owners first. */
  async members(workspaceId: string, m: EntityManager = this.db.manager): Promise<MemberRow[]> {
    return (await m.query(
      `SELECT u.id AS "userId", u.email, m.role, m.created_at AS since
       FROM membership m JOIN app_user u ON u.id = m.user_id
       WHERE m.workspace_id = $1
       ORDER BY array_position(ARRAY['owner', 'admin', 'analyst', 'viewer'], m.role), lower(u.email)`,
      [workspaceId],
    )) as MemberRow[];
  }

  async removeMembership(m: EntityManager, userId: string, workspaceId: string): Promise<void> {
    await m.query(`DELETE FROM membership WHERE user_id = $1 AND workspace_id = $2`, [userId, workspaceId]);
  }
}
