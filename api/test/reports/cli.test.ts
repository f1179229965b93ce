import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoCurrencies } from '../metrics/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { pdfText, readXlsx } from './files.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/reports/report.cli.js', import.meta.url).pathname;
const SECRET = 'cli-secret';
const PAGE = '104857600000025';

/** `npm run report` as built (npm run build first), on the test's database. */
describe('npm run report', () => {
  let db: TestDatabase;
  let running: RunningApp;
  let dir: string;
  const report = (args: string[]) =>
    run('node', [CLI, ...args], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: db.url,
        DEMO: 'off',
        SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
        LOG_LEVEL: 'silent',
      },
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ctm-report-'));
    db = await createTestDatabase('pglite');
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    await seedTwoCurrencies(running, PAGE, SECRET);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('writes a week’s PDF, kept in the history the API lists', async () => {
    const { stdout } = await report([
      '--workspace',
      'default',
      '--week',
      '2026-W45',
      '--format',
      'pdf',
      '--out',
      'report.pdf',
    ]);
    expect(stdout).toContain('Made the weekly report 2026-W45 of default (2026-11-02 to 2026-11-08');
    const pdf = await readFile(path.join(dir, 'report.pdf'));
    const { text } = await pdfText(new Uint8Array(pdf).buffer);
    expect(text).toContain('default | 2026-11-02 to 2026-11-08');
    const list = (await (await running.api('/api/reports')).json()) as {
      reports: { week: string; requestedBy: string }[];
    };
    expect(list.reports).toEqual([expect.objectContaining({ week: '2026-W45', requestedBy: 'command line' })]);
  });

  it('writes a custom range as XLSX under its own name', async () => {
    const { stdout } = await report([
      '--workspace',
      'default',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-02',
      '--format',
      'xlsx',
    ]);
    expect(stdout).toContain('default-report-2026-11-01_2026-11-02.xlsx');
    const book = await readXlsx(
      new Uint8Array(await readFile(path.join(dir, 'default-report-2026-11-01_2026-11-02.xlsx'))).buffer,
    );
    expect(book.names[0]).toBe('Summary');
  });

  it.each([
    [['--workspace', 'default', '--week', '2025-W53', '--format', 'pdf'], '--week does not exist'],
    [['--workspace', 'default', '--week', '2026-W45', '--format', 'doc'], '--format must be pdf, xlsx or csv'],
    [['--workspace', 'nowhere', '--week', '2026-W45', '--format', 'pdf'], 'there is no workspace "nowhere"'],
  ])('refuses %j with a sentence', async (args, message) => {
    const failed = await report(args).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(message);
  });
});
