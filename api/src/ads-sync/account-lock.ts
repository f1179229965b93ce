import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * One sync per ad account at a time, across every instance on the database: a session-level
 * PostgreSQL advisory lock held on a dedicated connection for the whole run (released by the
 * server if the process dies), plus an in-process guard since the embedded database has one session.
 */
@Injectable()
export class AccountLock {
  private readonly held = new Set<string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs fn holding the account's lock; undefined when another run holds it. */
  async withLock<T>(workspaceId: string, accountId: string, fn: () => Promise<T>): Promise<T | undefined> {
    const key = `ads-sync:${workspaceId}:${accountId}`;
    if (this.held.has(key)) return undefined;
    this.held.add(key);
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      const [row] = await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [key]);
      if (!row?.locked) return undefined;
      try {
        return await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } finally {
      await runner.release();
      this.held.delete(key);
    }
  }
}
