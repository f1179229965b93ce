import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../api/src/database/migrations/index.js';
import { createTestDatabase } from '../../api/test/support/test-database.js';
import { withDataDir } from '../support/data-dir.js';
import { startAppProcess } from '../support/app-process.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'ctm-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start on the embedded database', () => {
  const dataDir = path.join(tmp, 'data');

  it('serves /api/health and the dashboard, and exits 0 on SIGTERM', async () => {
    const app = startAppProcess({ DATA_DIR: dataDir });
    const url = await app.ready;
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const { code, stdout } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(stdout).toMatch(/"path":"\/api\/health".*"status":200/);
  });

  it('keeps its data across a restart', async () => {
    const applied = await withDataDir(dataDir, async (c) => {
      await c.query(`INSERT INTO workspace (slug, name) VALUES ('kept', 'Kept across restarts')`);
      return (await c.query('SELECT count(*)::int AS n FROM migrations')).rows[0].n;
    });
    expect(applied).toBe(migrations.length);

    const app = startAppProcess({ DATA_DIR: dataDir });
    await app.ready;
    expect((await app.stop('SIGINT')).code).toBe(0);

    const rows = await withDataDir(dataDir, async (c) => (await c.query('SELECT slug FROM workspace')).rows);
    expect(rows).toEqual([{ slug: 'kept' }]);
  });

  it('refuses a second process on the same data dir with a clear sentence', async () => {
    const first = startAppProcess({ DATA_DIR: dataDir });
    await first.ready;
    try {
      const second = await startAppProcess({ DATA_DIR: dataDir }).exited;
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain('is in use by another ctm-analytics process');
      expect((await fetch(`${await first.ready}/api/health`)).status).toBe(200);
    } finally {
      expect((await first.stop()).code).toBe(0);
    }
  });

  it('starts empty with DATA_DIR=memory and writes nothing to disk', async () => {
    const cwd = mkdtempSync(path.join(tmp, 'memory-'));
    const app = startAppProcess({ DATA_DIR: 'memory' }, cwd);
    const health = await fetch(`${await app.ready}/api/health`);
    expect(await health.json()).toMatchObject({ db: 'ok' });
    expect((await app.stop()).code).toBe(0);
    expect(existsSync(path.join(cwd, 'data'))).toBe(false);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('npm start on a PostgreSQL server (DATABASE_URL)', () => {
  it('migrates a fresh database and answers /api/health', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const app = startAppProcess({ DATABASE_URL: db.url });
      const health = await fetch(`${await app.ready}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });
      const { code, stdout } = await app.stop();
      expect(code).toBe(0);
      expect(stdout).toContain('PostgreSQL at 127.0.0.1:5432/ctm_test_');
    } finally {
      await db.drop();
    }
  });
});
