import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { raw: Buffer; signatureOk: boolean; contentType: string };

/**
 * A webhook receiver for tests: checks every signature itself (HMAC over the raw bytes, constant-time compare),
 * answers the subscribe handshake, and lets a test decide each POST's fate (status, or hang for ms).
 */
export async function startReceiver(
  appSecret: string,
  verifyToken: string,
  fate: (raw: Buffer, attempt: number) => number | { hangMs: number } = () => 200,
) {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === verifyToken;
      res.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const key = raw.toString('base64');
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const outcome = fate(raw, attempt);
      if (typeof outcome === 'object') return void setTimeout(() => res.writeHead(200).end('late'), outcome.hangMs);
      if (outcome === 200)
        received.push({
          raw,
          signatureOk: verify(raw, String(req.headers['x-hub-signature-256'])),
          contentType: String(req.headers['content-type']),
        });
      res.writeHead(outcome).end(outcome === 200 ? 'EVENT_RECEIVED' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/messenger`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url, received, close };

  function verify(raw: Buffer, header: string): boolean {
    const expected = Buffer.from(`sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`);
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** Every event of every received body, in arrival order. */
export function receivedEvents(received: Received[]): unknown[] {
  return received.flatMap((r) => {
    const body = JSON.parse(r.raw.toString('utf8')) as { entry: { messaging: unknown[] }[] };
    return body.entry.flatMap((e) => e.messaging);
  });
}
