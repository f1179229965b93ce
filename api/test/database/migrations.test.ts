import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/database/migrations/index.js';
import { createTestDatabase, databaseKinds, testDataSource, type TestDatabase } from '../support/test-database.js';

const userTables = `SELECT table_name FROM information_schema.tables
  WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`;

describe.each(databaseKinds)('migrations on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('run every migration up, then every one down, on an empty database', async () => {
    const ds = await testDataSource(db.url).initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
      expect((await ds.query(userTables)).length).toBeGreaterThan(0);

      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await ds.query(userTables)).toEqual([]);
      expect(await ds.query('SELECT name FROM migrations')).toEqual([]);

      // and up again: a down that left debris would make this fail
      expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(migrations.length);
    } finally {
      await ds.destroy();
    }
  });

  /**
   * Server-level tables: a webhook delivery can span pages of several workspaces, quarantined events
   * have none, a user can belong to several workspaces (membership says which), and a session is
   * its user's (it only remembers which of their workspaces is current).
   */
  // login_throttle counts sign-in attempts per address and email, before anyone is in a workspace
  const SERVER_LEVEL = new Set([
    'workspace',
    'webhook_delivery',
    'webhook_quarantine',
    'app_user',
    'user_session',
    'login_throttle',
  ]);

  it('gives every table but the server-level ones a non-null workspace_id', async () => {
    const ds = await testDataSource(db.url, true).initialize();
    try {
      const tables: { table_name: string }[] = await ds.query(userTables);
      const tenantColumns: { table_name: string }[] = await ds.query(
        `SELECT table_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'workspace_id' AND is_nullable = 'NO'`,
      );
      const tenantOwned = new Set(tenantColumns.map((r) => r.table_name));
      const missing = tables.map((t) => t.table_name).filter((t) => !SERVER_LEVEL.has(t) && !tenantOwned.has(t));
      expect(missing).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
