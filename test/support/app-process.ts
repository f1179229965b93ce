import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const mainJs = fileURLToPath(new URL('../../api/dist/main.js', import.meta.url));

export type AppProcess = {
  proc: ChildProcess;
  /** Resolves with the base URL once the app logs that it listens; rejects if it exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
};

/** Starts the built API (api/dist/main.js, as `npm start` does) as a child process. */
export function startAppProcess(env: Record<string, string>, cwd?: string): AppProcess {
  const proc = spawn(process.execPath, [mainJs], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      LOG_LEVEL: 'info',
      DEMO: 'off',
      SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/[^\s,"]+)/.exec(stdout);
      if (m?.[1]) resolve(m[1].replace('[::1]', '127.0.0.1'));
    });
    void exited.then(({ code }) => reject(new Error(`app exited with ${code} before listening:\n${stderr}`)));
  });
  ready.catch(() => {});
  return {
    proc,
    ready,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** A fresh installation's first owner, made through the first-run route like the dashboard does: their session cookie. */
export async function signInFirstOwner(
  url: string,
  owner = { email: 'owner@example.test', password: 'first-owner-password' },
): Promise<{ cookie: string }> {
  const res = await fetch(`${url}/api/auth/first-run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (res.status !== 201) throw new Error(`first run answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('first run set no session cookie');
  return { cookie };
}
