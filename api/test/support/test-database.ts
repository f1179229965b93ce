import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

export type DatabaseKind = 'pglite' | 'postgres';
export type TestDatabase = { kind: DatabaseKind; url: string; drop(): Promise<void> };

/** Every database tier test runs on embedded PGlite, and also on TEST_DATABASE_URL's server when set. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A database of its own for one test file: a fresh in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const embedded = await startEmbeddedPostgres('memory');
    return { kind, url: embedded.url, drop: embedded.close };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `ctm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A TypeORM DataSource on a test database, migrations not yet run. */
export function testDataSource(url: string, migrationsRun = false): DataSource {
  return new DataSource({ ...dataSourceOptions({ url, poolSize: 4, connectTimeoutMs: 5_000 }), migrationsRun });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
