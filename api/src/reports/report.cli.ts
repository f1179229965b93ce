import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCommand } from '../lifecycle/command-context.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { createReportSchema, downloadQuerySchema } from './dto/report.dto.js';
import { renderReport, ReportsService } from './reports.service.js';

const USAGE = `usage:
  npm run report -- --workspace demo --week 2026-W47 --format pdf|xlsx|csv [--out report.pdf] [--bom]
  npm run report -- --workspace demo --from 2026-11-01 --to 2026-11-30 --format xlsx [--out november.xlsx]
      (a week's report is made once and kept in the history; a custom range's is made each time.
       --out defaults to <workspace>-report-<week or days>.<pdf|xlsx|csv.zip>; --bom: CSV files start with a BOM, for Excel)`;

/** `npm run report`: a weekly or custom-range report written to a file, from the command line. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      week: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      bom: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.workspace) throw new Error(`--workspace is required: the workspace's slug, e.g. demo\n${USAGE}`);
  const body = check(createReportSchema, { week: values.week, from: values.from, to: values.to });
  const { format } = check(downloadQuerySchema, { format: values.format });
  await runCommand(async (app) => {
    const workspace = await app.get(WorkspacesRepository).bySlug(values.workspace!);
    if (!workspace) throw new Error(`there is no workspace "${values.workspace}"`);
    const { report, created } = await app.get(ReportsService).create(workspace.id, body, 'command line');
    if (report.status !== 'ready' || !report.content)
      throw new Error(`the report could not be made: ${report.error ?? report.status}`);
    const file = await renderReport(report.content, format, values.bom ?? false);
    // npm runs scripts from the repository's root: a relative --out is relative to it
    const out = path.resolve(values.out ?? file.fileName);
    await writeFile(out, file.body);
    console.log(
      `${created ? 'Made' : 'Found'} the ${report.week ? `weekly report ${report.week}` : 'report'} of ${workspace.slug} ` +
        `(${report.range.from} to ${report.range.to}, generated ${report.generatedAt}); wrote ${out} (${file.body.length} bytes).`,
    );
  });
}

/** Parses with a DTO's schema; the first problem as the flag it is about. */
function check<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`--${issue?.path.map(String).join('.') || 'arguments'} ${issue?.message ?? 'is invalid'}\n${USAGE}`);
}

main().catch((error: unknown) => {
  console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
