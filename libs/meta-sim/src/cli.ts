#!/usr/bin/env node
// The simulator as a process: a Graph API for the app to sync from and, with --webhook-url, Messenger webhooks.
import { parseArgs } from 'node:util';
import { startGraphServer } from './graph/server.js';
import { createWorld } from './index.js';
import type { World, WorldSize } from './types.js';
import type { ClockMode } from './webhooks/clock.js';
import { startWebhookSender } from './webhooks/sender.js';

const USAGE = `Usage: npm run sim -- [--seed 7] [--size tiny|small|medium|large] [--port 4010] [--host 127.0.0.1]
  [--end-date YYYY-MM-DD] [--latency 150] [--webhook-url URL --app-secret S --verify-token T]
  [--clock realtime|fast|simulated] [--speedup N] [--from YYYY-MM-DD] [--duplicates 0.05] [--shuffle 4]`;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    size: { type: 'string', default: 'medium' },
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'end-date': { type: 'string' },
    latency: { type: 'string', default: '150' },
    'webhook-url': { type: 'string' },
    'app-secret': { type: 'string' },
    'verify-token': { type: 'string', default: '' },
    clock: { type: 'string', default: 'realtime' },
    speedup: { type: 'string' },
    from: { type: 'string' },
    duplicates: { type: 'string', default: '0' },
    shuffle: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) fail(`--${name} must be a number, got "${text}".`);
  return n;
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes: WorldSize[] = ['tiny', 'small', 'medium', 'large'];
if (!sizes.includes(values.size as WorldSize)) fail(`--size must be one of ${sizes.join(', ')}.`);
const clocks: ClockMode[] = ['realtime', 'fast', 'simulated'];
if (!clocks.includes(values.clock as ClockMode)) fail(`--clock must be one of ${clocks.join(', ')}.`);
if (values['webhook-url'] && !values['app-secret']) fail('--app-secret is needed to sign webhooks.');

const endDate = values['end-date'];
const world = createWorld({
  seed: number('seed', values.seed) ?? 7,
  size: values.size as WorldSize,
  ...(endDate ? { endDate } : {}),
});
const server = await startGraphServer(world, {
  port: number('port', values.port) ?? 4010,
  host: values.host,
  faults: { latencyMs: number('latency', values.latency) ?? 150 },
  ...(values['app-secret'] ? { appSecret: values['app-secret'] } : {}),
});
printWorld(world, server.url);

const sender = values['webhook-url']
  ? startWebhookSender(world, {
      url: values['webhook-url'],
      appSecret: values['app-secret'] ?? '',
      verifyToken: values['verify-token'],
      clock: values.clock as ClockMode,
      ...(values.speedup ? { speedup: number('speedup', values.speedup) } : {}),
      ...(values.from ? { from: Date.parse(`${values.from}T00:00:00Z`) } : {}),
      duplicateRate: number('duplicates', values.duplicates) ?? 0,
      shuffleWindow: number('shuffle', values.shuffle) ?? 1,
      seed: number('seed', values.seed) ?? 7,
    })
  : undefined;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the simulator.`);
  sender?.stop();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (sender) {
  const hs = await sender.handshake();
  console.log(
    hs.ok
      ? 'Webhook handshake: OK (challenge echoed).'
      : `Webhook handshake FAILED (HTTP ${hs.status}): ${hs.body.slice(0, 200)}`,
  );
  const progress = setInterval(() => console.log(`Webhooks: ${JSON.stringify(sender.stats)}`), 10_000);
  const stats = await sender.run();
  clearInterval(progress);
  if (!stopping) console.log(`Webhooks done: ${JSON.stringify(stats)}. The Graph API keeps serving; Ctrl-C to stop.`);
}

function printWorld(w: World, url: string): void {
  const lines = [
    `Meta simulator: seed ${w.options.seed}, size ${w.options.size}, world until ${w.options.endDate}`,
    `Graph API base URL (META_GRAPH_URL): ${url}   e.g. ${url}/v24.0/me/adaccounts`,
    `System user token: ${w.systemUserToken}`,
    `App id: ${w.appId}`,
    'Ad accounts:',
    ...w.accounts.map(
      (a) => `  ${a.id}  ${a.name}  (${a.currency}, ${a.timezoneName}, ${a.tier} tier, business ${a.businessId})`,
    ),
    'Pages:',
    ...w.pages.map((p) => `  ${p.id}  ${p.name}  @${p.username}  page token: ${p.accessToken}`),
    'Ref links:',
    ...w.refLinks.map((r) => {
      const page = w.pages.find((p) => p.id === r.pageId);
      return `  https://m.me/${page?.username ?? r.pageId}?ref=${r.ref}  (${r.kind}: ${r.label})`;
    }),
    values['webhook-url']
      ? `Webhooks: POST ${values['webhook-url']} (clock ${values.clock})`
      : 'Webhooks: not sending (pass --webhook-url to deliver Messenger events).',
  ];
  console.log(lines.join('\n'));
}
