import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createWorld } from '@ctm/meta-sim';
import { afterAll, describe, expect, it } from 'vitest';
import { signInFirstOwner, startAppProcess } from '../support/app-process.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'ctm-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const owner = { email: 'owner@demo.test', password: 'demo-owner-password' };

type Run = { accountId: string; kind: string; status: string; rowsWritten: number; daysTotal: number };

describe('the demo: npm start with no Meta credentials', () => {
  it('syncs the simulated medium world on first start, and says it is a demo', { timeout: 180_000 }, async () => {
    const app = startAppProcess({ DATA_DIR: path.join(tmp, 'data'), DEMO: 'auto' });
    try {
      const url = await app.ready;
      // the demo has no built-in account: its first owner is created at first run
      const first = (await (await fetch(`${url}/api/auth/first-run`)).json()) as { needed: boolean; workspace: string };
      expect(first).toEqual({ needed: true, workspace: 'demo' });
      const auth = await signInFirstOwner(url, owner);
      const demo = (await (await fetch(`${url}/api/demo`, { headers: auth })).json()) as { note: string };
      expect(demo).toMatchObject({ enabled: true, workspace: 'demo', world: { seed: 7, size: 'medium' } });
      expect(demo.note).toContain('not from Meta');

      let runs: Run[] = [];
      await expect
        .poll(
          async () => {
            runs = (await (await fetch(`${url}/api/sync/runs`, { headers: auth })).json()) as Run[];
            return runs.map((r) => r.status);
          },
          { timeout: 150_000, interval: 1_000 },
        )
        .toEqual(['succeeded', 'succeeded']);
      for (const run of runs) expect(run).toMatchObject({ kind: 'backfill', daysTotal: 180 });
      expect(runs.every((r) => r.rowsWritten > 1000)).toBe(true);
    } finally {
      expect((await app.stop()).code).toBe(0);
    }
  });

  it('does not backfill again on the next start', async () => {
    const app = startAppProcess({ DATA_DIR: path.join(tmp, 'data'), DEMO: 'auto' });
    try {
      const url = await app.ready;
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(owner),
      });
      expect(login.status).toBe(200);
      const auth = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
      const runs = (await (await fetch(`${url}/api/sync/runs`, { headers: auth })).json()) as Run[];
      expect(runs).toHaveLength(2);
    } finally {
      expect((await app.stop()).code).toBe(0);
    }
  });
});

describe('npm run sync', () => {
  const cli = fileURLToPath(new URL('../../api/dist/ads-sync/sync.cli.js', import.meta.url));
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: path.join(tmp, 'cli') },
      timeout: 60_000,
    });

  it('backfills an account and reports rows and requests', async () => {
    // the demo world's accounts: the same seed gives the same ids
    const account = createWorld({ seed: 7, size: 'medium' }).accounts[0]!.id;
    const { stdout } = await run(['--account', account, '--since', '2026-11-01', '--until', '2026-11-10']);
    expect(stdout).toMatch(/Done: \d+ rows, \d+ requests, 2026-11-01\.\.2026-11-10\./);
  });

  it('refuses bad arguments with a sentence and the usage', async () => {
    await expect(run(['--account', 'act_1', '--since', '2026-02-30'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('sync: --since is not a real calendar date'),
    });
  });
});
