import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { runCommand } from '../lifecycle/command-context.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { rebuildObservedRollups } from './rollup-rebuild.js';

const USAGE = 'usage: npm run rollups:rebuild -- --workspace demo';

/**
 * Rebuilds a workspace's daily observed rollups from its contacts, touches and conversions, set-based:
 * after a bulk import, or to check that nothing drifted (the row count is printed).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(USAGE);
  if (!values.workspace) throw new Error(`--workspace is required: the slug of the workspace to rebuild\n${USAGE}`);
  const slug = values.workspace;
  await runCommand(async (app) => {
    const workspace = await app.get(WorkspacesRepository).bySlug(slug);
    if (!workspace) throw new Error(`there is no workspace "${slug}".`);
    const started = performance.now();
    const db = app.get<DataSource>(getDataSourceToken());
    const { rows } = await db.transaction((m) => rebuildObservedRollups(m, workspace.id));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Rebuilt the daily rollups of ${slug}: ${rows} rows in ${seconds} s.`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
