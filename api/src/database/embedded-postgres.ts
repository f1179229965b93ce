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
    keepExtendedQueriesTogether(db);
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

const SYNC = 0x53; // 'S': ends an extended-protocol sequence
const QUERY = 0x51; // 'Q': a simple query, complete in itself
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // Parse, Bind, Describe, Execute, Close, Flush

/**
 * PGlite is one backend session shared by every socket connection. The socket server keeps a
 * connection's *transaction* together, but not its extended-protocol sequence (Parse, Bind,
 * Execute ... Sync): two connections' parameterised queries interleave and one binds to the
 * other's unnamed statement ("bind message supplies 1 parameters, but prepared statement requires
 * 4"). The server's queue sticks to one connection while `isInTransaction()` is true, so that flag
 * is extended to "or an extended sequence is open".
 */
export function keepExtendedQueriesTogether(db: PGlite): void {
  let sequenceOpen = false;
  const inTransaction = db.isInTransaction.bind(db);
  const execStream = db.execProtocolRawStream.bind(db);
  const exec = db.exec.bind(db);
  db.isInTransaction = () => sequenceOpen || inTransaction();
  db.execProtocolRawStream = async (message, options) => {
    const type = message[0] ?? 0;
    try {
      return await execStream(message, options);
    } finally {
      if (type === SYNC || type === QUERY) sequenceOpen = false;
      else if (EXTENDED.has(type)) sequenceOpen = true;
    }
  };
  // the server rolls back with exec() when a connection drops mid-transaction: its sequence is over too
  db.exec = async (query, options) => {
    sequenceOpen = false;
    return exec(query, options);
  };
}
