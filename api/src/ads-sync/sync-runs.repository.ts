import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type SyncKind = 'hourly' | 'daily' | 'backfill';
export type SyncStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type SyncRun = {
  id: string;
  workspaceId: string;
  accountId: string;
  kind: SyncKind;
  since: string;
  until: string;
  status: SyncStatus;
  requests: number;
  rowsWritten: number;
  daysTotal: number;
  daysDone: number;
  /** Checkpoint: every day up to this one is stored; a resumed run starts the day after. */
  doneUntil: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const COLUMNS = `id, workspace_id AS "workspaceId", account_id AS "accountId", kind,
  to_char(since, 'YYYY-MM-DD') AS since, to_char(until, 'YYYY-MM-DD') AS until, status, requests,
  rows_written AS "rowsWritten", days_total AS "daysTotal", days_done AS "daysDone",
  to_char(done_until, 'YYYY-MM-DD') AS "doneUntil", error, created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

export type RunProgress = { requests: number; rowsWritten: number; daysDone: number; doneUntil: string | null };

/** sync_run: every run recorded, its progress and checkpoint, so a run that dies resumes. */
@Injectable()
export class SyncRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(run: { workspaceId: string; accountId: string; kind: SyncKind; since: string; until: string }) {
    const [row] = await this.db.query(
      `INSERT INTO sync_run (workspace_id, account_id, kind, since, until, days_total)
       VALUES ($1, $2, $3, $4, $5, ($5::date - $4::date) + 1) RETURNING ${COLUMNS}`,
      [run.workspaceId, run.accountId, run.kind, run.since, run.until],
    );
    return row as SyncRun;
  }

  async get(id: string, workspaceId?: string): Promise<SyncRun | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM sync_run WHERE id = $1 AND ($2::uuid IS NULL OR workspace_id = $2)`,
      [id, workspaceId ?? null],
    );
    return row as SyncRun | undefined;
  }

  async list(filter: { workspaceId?: string; accountId?: string; limit: number }): Promise<SyncRun[]> {
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM sync_run
       WHERE ($1::uuid IS NULL OR workspace_id = $1) AND ($2::text IS NULL OR account_id = $2)
       ORDER BY created_at DESC LIMIT $3`,
      [filter.workspaceId ?? null, filter.accountId ?? null, filter.limit],
    )) as SyncRun[];
  }

  /** Runs waiting for a worker: queued ones, and running ones whose worker died (oldest first). */
  async unfinished(): Promise<SyncRun[]> {
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM sync_run WHERE status IN ('queued', 'running') ORDER BY created_at`,
    )) as SyncRun[];
  }

  async start(id: string): Promise<void> {
    await this.db.query(
      `UPDATE sync_run SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(),
         error = NULL WHERE id = $1`,
      [id],
    );
  }

  async progress(id: string, p: RunProgress): Promise<void> {
    await this.db.query(
      `UPDATE sync_run SET requests = $2, rows_written = $3, days_done = $4, done_until = $5, heartbeat_at = now()
       WHERE id = $1`,
      [id, p.requests, p.rowsWritten, p.daysDone, p.doneUntil],
    );
  }

  async finish(id: string, status: 'succeeded' | 'failed', error: string | null): Promise<void> {
    await this.db.query(`UPDATE sync_run SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [
      id,
      status,
      error,
    ]);
  }
}
