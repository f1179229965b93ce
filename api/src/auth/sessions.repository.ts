import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type SessionRow = { userId: string; email: string; currentWorkspaceId: string | null; lastSeenAt: Date };

/** user_session: sign-in sessions, found by the SHA-256 of the cookie's value. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(
    idHash: string,
    session: { userId: string; currentWorkspaceId: string | null; ttlMs: number },
    m: EntityManager = this.db.manager,
  ): Promise<void> {
    await m.query(
      `INSERT INTO user_session (id_hash, user_id, current_workspace_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [idHash, session.userId, session.currentWorkspaceId, session.ttlMs / 1000],
    );
  }

  /** A live session with its user; expired ones are not found. */
  async find(idHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.query(
      `SELECT s.user_id AS "userId", u.email, s.current_workspace_id AS "currentWorkspaceId", s.last_seen_at AS "lastSeenAt"
       FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > now()`,
      [idHash],
    );
    return row as SessionRow | undefined;
  }

  /** Marks the session seen now and slides its expiry. */
  async touch(idHash: string, ttlMs: number): Promise<void> {
    await this.db.query(
      `UPDATE user_session SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2) WHERE id_hash = $1`,
      [idHash, ttlMs / 1000],
    );
  }

  async setCurrentWorkspace(idHash: string, workspaceId: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET current_workspace_id = $2 WHERE id_hash = $1`, [idHash, workspaceId]);
  }

  async delete(idHash: string): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE id_hash = $1`, [idHash]);
  }

  /** Signs the user out everywhere but (optionally) one session, e.g. after a password change. */
  async deleteOthers(userId: string, keepIdHash: string | null): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2`, [
      userId,
      keepIdHash,
    ]);
  }

  async deleteExpired(): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE expires_at <= now()`);
  }
}
