import 'reflect-metadata';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { runCommand } from '../lifecycle/command-context.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { AdsSyncService } from './ads-sync.service.js';
import { startSyncSchema } from './dto/sync.dto.js';
import { SyncRunsRepository, type SyncRun } from './sync-runs.repository.js';

const USAGE = 'usage: npm run sync -- --account act_123 --since 2025-11-01 [--until 2026-01-31]';

/** `npm run sync`: a backfill from the command line, with a progress bar, rows, requests and an ETA. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const parsed = startSyncSchema.safeParse({ account: values.account, since: values.since, until: values.until });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${issue?.path.join('.') || 'arguments'} ${issue?.message ?? 'is invalid'}\n${USAGE}`);
  }
  await runCommand(async (app) => {
    const connection = app
      .get(MetaConnections)
      .all()
      .find((c) => c.accountId === parsed.data.account);
    if (!connection) throw new Error(`${parsed.data.account} is not a connected ad account (see META_AD_ACCOUNT_IDS).`);
    const sync = app.get(AdsSyncService);
    const until = parsed.data.until ?? new Date().toISOString().slice(0, 10);
    const run = await sync.enqueue(connection.workspaceId, connection.accountId, 'backfill', {
      since: parsed.data.since,
      until,
    });
    const final = await withProgress(app.get(SyncRunsRepository), run, sync.execute(run.id));
    if (final?.status !== 'succeeded')
      throw new Error(final?.error ?? 'another process is syncing this account right now');
    console.log(`Done: ${final.rowsWritten} rows, ${final.requests} requests, ${final.since}..${final.until}.`);
  });
}

async function withProgress(runs: SyncRunsRepository, run: SyncRun, work: Promise<SyncRun | undefined>) {
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | {value}/{total} days | {rows} rows | {requests} requests | ETA {eta_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 2_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(run.daysTotal, 0, { rows: 0, requests: 0 });
  const timer = setInterval(() => {
    void runs.get(run.id).then((r) => r && bar.update(r.daysDone, { rows: r.rowsWritten, requests: r.requests }));
  }, 500);
  try {
    const final = await work;
    if (final) bar.update(final.daysDone, { rows: final.rowsWritten, requests: final.requests });
    return final;
  } finally {
    clearInterval(timer);
    bar.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`sync: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
