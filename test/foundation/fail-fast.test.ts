import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startAppProcess } from '../support/app-process.js';

describe('start-up refuses bad configuration with one sentence', () => {
  it.each([
    [{ PORT: 'abc' }, 'ctm-analytics: PORT="abc" is invalid: it must be a whole number between 0 and 65535.'],
    [{ LOG_LEVEL: 'verbose' }, 'ctm-analytics: LOG_LEVEL="verbose" is invalid: it must be one of fatal'],
    [{ DATABASE_URL: 'localhost:5432' }, 'ctm-analytics: DATABASE_URL is invalid: it must be a postgres://'],
  ])('%o', async (env, sentence) => {
    const { code, stderr } = await startAppProcess({ DATA_DIR: 'memory', ...env }).exited;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(sentence);
  });
});

describe('an unreachable DATABASE_URL', () => {
  it('fails at once with the host:port when the port refuses connections', async () => {
    const port = await freePort();
    const { code, stderr } = await startAppProcess({ DATABASE_URL: `postgres://u:secret@127.0.0.1:${port}/db` }).exited;
    expect(code).toBe(1);
    expect(stderr).toContain(`Could not reach PostgreSQL at 127.0.0.1:${port} (DATABASE_URL)`);
    expect(stderr).not.toContain('secret');
  });

  it('fails within 15 s when the server accepts but never answers', async () => {
    const sockets: net.Socket[] = [];
    const blackHole = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as net.AddressInfo;
    const started = Date.now();
    try {
      const { code, stderr } = await startAppProcess({ DATABASE_URL: `postgres://u@127.0.0.1:${port}/db` }).exited;
      expect(code).toBe(1);
      expect(stderr).toContain(`Could not reach PostgreSQL at 127.0.0.1:${port} (DATABASE_URL) within 10 s`);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      sockets.forEach((s) => s.destroy());
      blackHole.close();
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
