import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { GraphCallError } from '../meta/graph-call.js';
import type { AdLevel, MarketingApi, RawObject } from '../meta/marketing-api.js';
import { MetaClientFactory } from '../meta/meta-client.factory.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { AccountLock } from './account-lock.js';
import { AdsRepository } from './ads.repository.js';
import { toInsightRow } from './insight-row.js';
import { daysBetween, planChunks, shiftDay, splitChunk, todayIn, type Chunk } from './sync-plan.js';
import { failureSentence } from './sync-errors.js';
import { SyncRunsRepository, type SyncKind, type SyncRun } from './sync-runs.repository.js';

/** Meta restates about the last 28 days; the daily run re-pulls them. */
export const RESTATEMENT_DAYS = 28;
const CHUNK_CONCURRENCY = 4;
const LEVELS: AdLevel[] = ['campaign', 'adset', 'ad'];

type RunState = { run: SyncRun; requests: number; rowsWritten: number; done: Chunk[]; daysDone: number };

/** Raised between chunks when the process shuts down: the run stays "running" and resumes at next start. */
class ShuttingDown extends Error {}

/**
 * Pulls an account's structure and daily ad insights into the database. Runs are recorded in
 * sync_run with a checkpoint (done_until); one account is synced by one worker at a time.
 */
@Injectable()
export class AdsSyncService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AdsSyncService.name);
  private readonly inflight = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    private readonly ads: AdsRepository,
    private readonly runs: SyncRunsRepository,
    private readonly connections: MetaConnections,
    private readonly clients: MetaClientFactory,
    private readonly lock: AccountLock,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records a run; hourly and daily ranges are computed in the account's time zone. */
  async enqueue(workspaceId: string, accountId: string, kind: SyncKind, range?: { since: string; until: string }) {
    await this.ads.ensureAccount(workspaceId, accountId);
    const timeZone = (await this.ads.account(workspaceId, accountId))?.timezoneName ?? 'UTC';
    const today = todayIn(timeZone, this.clock.now());
    const window = range ?? {
      since: shiftDay(today, kind === 'hourly' ? -1 : -(RESTATEMENT_DAYS - 1)),
      until: today,
    };
    return this.runs.create({ workspaceId, accountId, kind, ...window });
  }

  /** Runs every queued run, and resumes every run whose worker died, one account at a time each. */
  async drain(): Promise<SyncRun[]> {
    const pending = await this.runs.unfinished();
    const results = await Promise.all(pending.map((run) => this.track(this.execute(run.id))));
    return results.filter((r): r is SyncRun => r !== undefined);
  }

  /** For the API: start now, answer at once; failures are recorded on the run. */
  executeInBackground(runId: string): void {
    void this.track(this.execute(runId)).catch((error: unknown) =>
      this.logger.error(`sync ${runId} crashed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Shutdown: let each run finish its current chunk, save its checkpoint, and stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inflight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work)).catch(() => {});
    return work;
  }

  /** Executes one run under its account's lock; undefined if another worker holds the account. */
  async execute(runId: string): Promise<SyncRun | undefined> {
    if (this.stopping) return undefined;
    const run = await this.runs.get(runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return run;
    return this.lock.withLock(run.workspaceId, run.accountId, async () => {
      const fresh = await this.runs.get(runId);
      if (!fresh || fresh.status === 'succeeded' || fresh.status === 'failed') return fresh;
      await this.perform(fresh);
      return this.runs.get(runId);
    });
  }

  private async perform(run: SyncRun): Promise<void> {
    const connection = this.connections.get(run.workspaceId, run.accountId);
    if (!connection) {
      await this.runs.finish(run.id, 'failed', `Ad account ${run.accountId} is not connected to this workspace.`);
      return;
    }
    if (connection.tokenRefused) {
      const sentence = `Meta refused the access token of ad account ${run.accountId} before; reconnect the account with a new token to sync it again.`;
      await this.runs.finish(run.id, 'failed', sentence);
      return;
    }
    const state: RunState = { run, requests: run.requests, rowsWritten: run.rowsWritten, done: [], daysDone: 0 };
    const api = this.clients.create(connection.accessToken, () => void state.requests++);
    await this.runs.start(run.id);
    try {
      await this.syncStructure(api, run);
      await this.syncInsights(api, state);
      await this.ads.markInsightsSynced(run.workspaceId, run.accountId);
      await this.saveProgress(state);
      await this.runs.finish(run.id, 'succeeded', null);
    } catch (error) {
      if (error instanceof ShuttingDown) {
        await this.saveProgress(state);
        return;
      }
      const { sentence, tokenInvalid } = failureSentence(error);
      this.logger.warn(`sync ${run.id} of ${run.accountId} failed: ${sentence}`);
      if (tokenInvalid) {
        this.connections.markTokenRefused(run.workspaceId, run.accountId);
        await this.ads.markConnection(run.workspaceId, run.accountId, 'token_invalid', sentence);
      }
      await this.saveProgress(state).catch(() => {});
      await this.runs.finish(run.id, 'failed', sentence);
    }
  }

  private async syncStructure(api: MarketingApi, run: SyncRun): Promise<void> {
    const account = await api.readAccount(run.accountId);
    await this.ads.updateAccount(run.workspaceId, run.accountId, account);
    for (const level of LEVELS) {
      for await (const page of api.objects(run.accountId, level)) {
        await this.ads.upsertObjects(run.workspaceId, run.accountId, level, page);
      }
    }
  }

  /** Pulls the days after the checkpoint in chunks, a few at a time, advancing the checkpoint in order. */
  private async syncInsights(api: MarketingApi, state: RunState): Promise<void> {
    const { run } = state;
    const from = run.doneUntil ? shiftDay(run.doneUntil, 1) : run.since;
    state.daysDone = run.doneUntil ? daysBetween(run.since, run.doneUntil) : 0;
    const queue = planChunks(from, run.until);
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      try {
        for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
          if (this.stopping) throw new ShuttingDown();
          await this.pullChunk(api, state, chunk);
          state.done.push(chunk);
          state.daysDone += daysBetween(chunk.since, chunk.until);
          await this.saveProgress(state);
        }
      } catch (error) {
        // the other workers take no new chunk, and the run ends only once none is still writing
        failure ??= { error };
        queue.length = 0;
      }
    };
    await Promise.all(Array.from({ length: CHUNK_CONCURRENCY }, worker));
    if (failure) throw failure.error;
  }

  private async pullChunk(api: MarketingApi, state: RunState, chunk: Chunk): Promise<void> {
    const { run } = state;
    try {
      const pages =
        chunk.mode === 'sync' ? api.insights(run.accountId, chunk) : api.insightsAsync(run.accountId, chunk);
      for await (const page of prefetched(pages)) {
        // await first, then add: `x += await y` reads x before the await and loses other chunks' counts
        const written = await this.ads.upsertInsights(
          run.workspaceId,
          page.map((r: RawObject) => toInsightRow(r)),
        );
        state.rowsWritten += written;
      }
    } catch (error) {
      const parts = error instanceof GraphCallError && error.failure.kind === 'too-much-data' ? splitChunk(chunk) : [];
      if (parts.length === 0) throw error;
      for (const part of parts) await this.pullChunk(api, state, part);
    }
  }

  private async saveProgress(state: RunState): Promise<void> {
    await this.runs.progress(state.run.id, {
      requests: state.requests,
      rowsWritten: state.rowsWritten,
      daysDone: state.daysDone,
      doneUntil: contiguousEnd(state.run, state.done),
    });
  }
}

/** Asks for the next page while the caller stores the current one: the network wait and the write overlap. */
async function* prefetched<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = pages.next();
    // a failure of the page being fetched surfaces at its await; until then it must not count as unhandled
    next.catch(() => {});
    yield current.value;
  }
}

/** The last day of the unbroken run of finished chunks from the run's start (or its old checkpoint). */
function contiguousEnd(run: SyncRun, done: Chunk[]): string | null {
  let end = run.doneUntil;
  const sorted = [...done].sort((a, b) => a.since.localeCompare(b.since));
  for (const chunk of sorted) {
    const expected = end ? shiftDay(end, 1) : run.since;
    if (chunk.since !== expected) break;
    end = chunk.until;
  }
  return end;
}
