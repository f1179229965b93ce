import { request, Agent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';

const httpAgent = new Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

/** One POST attempt: resolves to the status, or 0 when the receiver timed out or the connection failed. */
export function postOnce(url: URL, body: Buffer, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve) => {
    const req = (secure ? httpsRequest : request)(
      url,
      {
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** The subscribe handshake: GET with hub.* params; the receiver must echo the challenge. */
export async function handshake(url: string, verifyToken: string, challenge: string, timeoutMs: number) {
  const target = new URL(url);
  target.searchParams.set('hub.mode', 'subscribe');
  target.searchParams.set('hub.verify_token', verifyToken);
  target.searchParams.set('hub.challenge', challenge);
  try {
    const res = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { ok: res.status === 200 && body.trim() === challenge, status: res.status, challenge, body };
  } catch (err) {
    return { ok: false, status: 0, challenge, body: String(err) };
  }
}
