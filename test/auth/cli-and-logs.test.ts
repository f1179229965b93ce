import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppProcess } from '../support/app-process.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'ctm-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cli = fileURLToPath(new URL('../../api/dist/cli.js', import.meta.url));
const env = {
  PATH: process.env.PATH ?? '',
  DATA_DIR: path.join(tmp, 'data'),
  DEMO: 'off',
  SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
};
const PASSWORD = 'piped-in passphrase 42';

/** Runs `npm run cli -- …` (the built CLI) with `input` on its standard input. */
function runCli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

describe('npm run cli, then the app: sign-in and tokens, with nothing secret in the logs', () => {
  it('creates an owner and a token that the app accepts, and never logs a password or token', async () => {
    const noPassword = await runCli([
      'user',
      'create',
      '--email',
      'ops@example.test',
      '--workspace',
      'default',
      '--role',
      'owner',
    ]);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toMatch(/the password must be at least 8 characters/);
    const badRole = await runCli([
      'user',
      'create',
      '--email',
      'ops@example.test',
      '--workspace',
      'default',
      '--role',
      'boss',
    ]);
    expect(badRole.stderr).toMatch(/--role must be one of owner, admin, analyst, viewer/);

    const user = await runCli(
      ['user', 'create', '--email', 'ops@example.test', '--workspace', 'default', '--role', 'owner'],
      `${PASSWORD}\n`,
    );
    expect(user).toMatchObject({ code: 0, stdout: expect.stringContaining('Created ops@example.test: owner') });
    const token = await runCli([
      'token',
      'create',
      '--workspace',
      'default',
      '--scope',
      'read',
      '--name',
      'report script',
    ]);
    expect(token.code).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^ctm_[\w-]{43}$/);

    const app = startAppProcess({ DATA_DIR: env.DATA_DIR, LOG_LEVEL: 'trace' });
    const secrets = [PASSWORD, secret, 'a wrong guess'];
    try {
      const url = await app.ready;
      const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${url}${p}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      expect(await (await fetch(`${url}/api/auth/first-run`)).json()).toMatchObject({ needed: false });
      expect((await post('/api/auth/login', { email: 'ops@example.test', password: 'a wrong guess' })).status).toBe(
        401,
      );
      const login = await post('/api/auth/login', { email: 'ops@example.test', password: PASSWORD });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      secrets.push(cookie.split('=')[1]!);
      expect((await fetch(`${url}/api/sync/runs`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(
        200,
      );
      expect((await fetch(`${url}/api/sync/runs`, { headers: { authorization: `Bearer ${secret}x` } })).status).toBe(
        401,
      );
      const made = await post('/api/tokens', { name: 'shop', scope: 'write:conversions' }, { cookie });
      const created = (await made.json()) as { token: string };
      secrets.push(created.token);
      expect(created.token).toMatch(/^ctm_/);
    } finally {
      const { stdout, stderr } = await app.stop();
      expect(stdout).toMatch(/"path":"\/api\/auth\/login"/);
      for (const s of secrets) expect(stdout + stderr).not.toContain(s);
    }
  });
});
