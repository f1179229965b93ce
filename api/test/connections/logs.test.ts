import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createWorld, startGraphServer, type GraphServer, type World } from '@ctm/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The built service (npm test builds first), as `npm start` runs it. */
const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const KEY = randomBytes(32);

function startService(env: Record<string, string>) {
  const proc = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: 'memory', DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', () => {
      const m = /listening on (http:\/\/[^\s,"]+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  ready.catch(() => {});
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
    return output;
  };
  return { ready, exited, stop, output: () => output };
}

describe('SECRETS_KEY at start-up', () => {
  it('refuses to start outside demo mode without it, in one sentence saying how to make one', async () => {
    const service = startService({ LOG_LEVEL: 'info' });
    expect(await service.exited).toBe(1);
    const output = service.output().trim();
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(/^ctm-analytics: SECRETS_KEY is not set: .*openssl rand -base64 32/);
  });
});

describe('the logs of a connect, sync and disconnect', () => {
  let world: World;
  let graph: GraphServer;

  beforeAll(async () => {
    world = createWorld({ seed: 4, size: 'tiny', endDate: new Date().toISOString().slice(0, 10) });
    graph = await startGraphServer(world);
  });
  afterAll(() => graph?.close());

  it('hold no Meta token and no SECRETS_KEY, even at trace level', async () => {
    const service = startService({
      LOG_LEVEL: 'trace',
      SECRETS_KEY: KEY.toString('base64'),
      META_GRAPH_URL: graph.url,
      SYNC_HOURLY_CRON: 'off',
      SYNC_DAILY_CRON: 'off',
      CONVERSATIONS_BACKFILL_CRON: 'off',
    });
    const token = world.systemUserToken;
    try {
      const url = await service.ready;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const first = await post('/api/auth/first-run', {
        email: 'owner@example.test',
        password: 'first-owner-password',
      });
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      expect((await post('/api/connections/preview', { token }, { cookie })).status).toBe(200);
      expect((await post('/api/connections/preview', { token: `${token}x` }, { cookie })).status).toBe(400);
      const account = world.accounts[0]!.id;
      const created = await post(
        '/api/connections',
        { token, adAccountIds: [account], pageIds: [world.pages[0]!.id] },
        { cookie },
      );
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const since = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      const started = await post('/api/sync', { account, since }, { cookie });
      const { runId } = (await started.json()) as { runId: string };
      for (let i = 0; i < 200; i++) {
        const run = (await (await fetch(`${url}/api/sync/runs/${runId}`, { headers: { cookie } })).json()) as {
          status: string;
        };
        if (run.status === 'succeeded' || run.status === 'failed') {
          expect(run.status).toBe('succeeded');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const removed = await fetch(`${url}/api/connections/${id}`, { method: 'DELETE', headers: { cookie } });
      expect(removed.status).toBe(200);
    } finally {
      const output = await service.stop();
      expect(output).toMatch(/"path":"\/api\/connections"/);
      const secrets = [token, ...world.pages.map((p) => p.accessToken), KEY.toString('base64'), KEY.toString('hex')];
      for (const secret of secrets) expect(output).not.toContain(secret);
    }
  });
});
