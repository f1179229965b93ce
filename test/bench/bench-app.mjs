// The built app (api/dist/main.js) started on a bench world's database, as bench:queries and
// bench:dashboard both use it: its environment, start and stop, an API token and a signed-in user of
// the bench workspace made by the product's own command line (api/dist/cli.js).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKSPACE } from './queries/load-world.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** The last day of every bench world. */
export const END_DATE = '2025-06-30';

const secretsKey = randomBytes(32).toString('base64'); // required outside demo mode; nothing is encrypted here

export function appEnv(databaseUrl, pageIds) {
  return {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrl,
    META_WORKSPACE: WORKSPACE,
    META_PAGE_IDS: pageIds.join(','),
    META_APP_SECRET: 'bench-app-secret',
    META_VERIFY_TOKEN: 'bench-verify',
    DEMO: 'off',
    SECRETS_KEY: secretsKey,
    LOG_LEVEL: 'warn',
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
    CONVERSATIONS_BACKFILL_CRON: 'off',
  };
}

export async function startApp(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'api/dist/main.js')], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`the app did not start (exit ${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => (child.kill('SIGTERM'), exited) };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const cli = (args, env, input) =>
  new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(root, 'api/dist/cli.js'), ...args], { env }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin.end(input ?? '');
  });

/** A read-scoped API token of the bench workspace, made by the product's command line. */
export async function apiToken(env) {
  const stdout = await cli(
    ['token', 'create', '--workspace', WORKSPACE, '--scope', 'read', '--name', `bench ${Date.now()}`],
    env,
  );
  return stdout.trim().split('\n').at(-1);
}

/**
 * A viewer of the bench workspace (made by the command line, the password piped; an existing one
 * keeps its password), signed in through POST /api/auth/login as the dashboard does: its session cookie.
 */
export async function signedInViewer(env, baseUrl) {
  const user = { email: 'dashboard-bench@bench.test', password: 'dashboard bench password' };
  await cli(
    ['user', 'create', '--email', user.email, '--workspace', WORKSPACE, '--role', 'viewer'],
    env,
    `${user.password}\n`,
  );
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no session cookie');
  const at = cookie.indexOf('=');
  return { header: cookie, name: cookie.slice(0, at), value: cookie.slice(at + 1) };
}

export const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const pad = (s, n) => String(s).padEnd(n);
export const lpad = (s, n) => String(s).padStart(n);
export const ms = (x) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
