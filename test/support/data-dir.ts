import pg from 'pg';
import { startEmbeddedPostgres } from '../../api/src/database/embedded-postgres.js';

/** Opens an app's data dir directly (the app must be stopped: it holds the lock while running). */
export async function withDataDir<T>(dir: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const db = await startEmbeddedPostgres(dir);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
    await db.close();
  }
}
