import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import lockfile from 'proper-lockfile';

export type EmbeddedPostgres = {
  /** A postgres:// URL on a loopback port, for the ordinary pg driver. */
  url: string;
  /** Stops the socket server, flushes and closes the database, releases the data dir. */
  close(): Promise<void>;
};

/** Raised when another process already owns the data dir. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

const MAX_CONNECTIONS = 32;

/**
 * Starts PGlite in this process and serves it over the PostgreSQL wire protocol on 127.0.0.1, so the
 * app uses one driver (pg) and one dialect whether the database is embedded or a server.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir === 'memory';
  const release = inMemory ? async () => {} : await lockDataDir(path.resolve(dataDir));
  let db: PGlite | undefined;
  try {
    db = inMemory ? new PGlite() : new PGlite(path.resolve(dataDir, 'pg'));
    await db.waitReady;
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
    await server.start();
    const running = db;
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      close: async () => {
        await server.stop();
        await running.close();
        await release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    await release();
    throw error;
  }
}

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const lockPath = path.join(dir, 'ctm-analytics.lock');
  try {
    // the lock is refreshed while we run; a lock left by a killed process goes stale and is taken over
    return await lockfile.lock(dir, {
      lockfilePath: lockPath,
      stale: 15_000,
      update: 5_000,
      retries: 0,
      onCompromised: (err) => {
        throw new DataDirInUseError(`Lost the lock on the data dir ${dir}: ${err.message}`);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DataDirInUseError(
        `The embedded database in ${dir} is in use by another ctm-analytics process: stop that process, or set DATA_DIR to another folder.`,
      );
    }
    throw error;
  }
}
