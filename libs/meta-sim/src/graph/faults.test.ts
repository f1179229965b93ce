import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.js';
import { fakeWorld } from './fake-world.js';
import { startGraphServer, type GraphServer } from './server.js';
import { errorOf, graph } from './test-helpers.js';

const world = fakeWorld();
const access_token = world.systemUserToken;
let server: GraphServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fault injection', () => {
  it('answers a share of calls with Graph transient 5xx errors, the same ones for the same seed', async () => {
    const outcomes = async () => {
      server = await startGraphServer(world, { faults: { errorRate: 0.3, seed: 7 } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const reply = await graph(server, 'act_1001', { access_token });
        statuses.push(reply.status);
        if (reply.status !== 200) {
          expect(reply.status).toBe(500);
          expect(errorOf(reply)).toMatchObject({ is_transient: true, type: 'OAuthException' });
          expect([1, 2]).toContain(errorOf(reply)['code']);
        }
      }
      await server.close();
      server = undefined;
      return statuses;
    };
    const first = await outcomes();
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(4);
    expect(first.filter((s) => s === 500).length).toBeLessThan(25);
    expect(await outcomes()).toEqual(first);
  });

  it('drops connections without an answer', async () => {
    server = await startGraphServer(world, { faults: { dropRate: 1 } });
    await expect(graph(server, 'act_1001', { access_token })).rejects.toThrow();
    server.setFaults({});
    expect((await graph(server, 'act_1001', { access_token })).status).toBe(200);
  });

  it('hangs longer than a client timeout, and adds latency to every call', async () => {
    server = await startGraphServer(world, { faults: { hangRate: 1, hangMs: 2_000 } });
    const url = `${server.url}/v24.0/act_1001?access_token=${access_token}`;
    await expect(fetch(url, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    server.setFaults({ latencyMs: 120 });
    const started = performance.now();
    expect((await fetch(url)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('draws faults in proportion to their rates', () => {
    const injector = new FaultInjector({ errorRate: 0.1, dropRate: 0.2, hangRate: 0.3, seed: 3 });
    const counts = { none: 0, error: 0, drop: 0, hang: 0 };
    for (let i = 0; i < 10_000; i++) counts[injector.next().kind]++;
    expect(counts.error / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.drop / 10_000).toBeCloseTo(0.2, 1);
    expect(counts.hang / 10_000).toBeCloseTo(0.3, 1);
    expect(counts.none / 10_000).toBeCloseTo(0.4, 1);
  });
});
