import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphServer } from '@ctm/meta-sim';

/** One call as the app sent it, and how the simulator answered (no status: dropped or abandoned). */
export type LoggedCall = {
  method: string;
  /** Path after the version: `act_1/insights`, `6100000000001`. */
  path: string;
  params: Record<string, unknown>;
  /** The token the app sent (before mapping). */
  token: string | undefined;
  startedAt: number;
  endedAt?: number;
  status?: number;
  code?: number;
  subcode?: number;
};

export type GraphProxy = {
  url: string;
  readonly calls: LoggedCall[];
  /** From now on this app token is refused by the simulator with 190 (it stops being mapped). */
  expire(token: string): void;
  /** The token expires once it has made this many calls: the next one is refused. */
  expireAfter(token: string, calls: number): void;
  close(): Promise<void>;
};

/**
 * Sits between the app and the Graph simulator: logs every call with its parameters and answer, and
 * maps tokens the app holds per account onto the simulator's one system token (and back in paging
 * links), so each account can have a token of its own that expires on its own.
 */
export async function startGraphProxy(graph: GraphServer, tokens: Record<string, string> = {}): Promise<GraphProxy> {
  const target = new URL(graph.url);
  const mapped = new Map(Object.entries(tokens));
  const calls: LoggedCall[] = [];
  const expiry = new Map<string, number>();
  const expire = (token: string) => {
    mapped.delete(token);
    graph.expireToken(token);
  };
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://proxy');
      const token = url.searchParams.get('access_token') ?? bodyParams(body)['access_token'];
      const appToken = typeof token === 'string' ? token : undefined;
      if (appToken && expiry.has(appToken) && calls.filter((c) => c.token === appToken).length >= expiry.get(appToken)!)
        expire(appToken);
      const simToken = appToken ? mapped.get(appToken) : undefined;
      const swap = (text: string, from?: string, to?: string) => (from && to ? text.split(from).join(to) : text);
      const call: LoggedCall = {
        method: req.method ?? 'GET',
        path: url.pathname.replace(/^\/v\d+\.\d+\//, ''),
        params: { ...Object.fromEntries(url.searchParams), ...bodyParams(body) },
        token: appToken,
        startedAt: Date.now(),
      };
      calls.push(call);
      const forwarded = Buffer.from(swap(body, appToken, simToken));
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: swap(req.url ?? '/', appToken, simToken),
          headers: { ...req.headers, 'content-length': String(forwarded.length) },
        },
        (answer) => {
          void readAll(answer).then((text) => {
            // the app gave up on this call (its timeout): it never saw the answer
            if (res.destroyed) return;
            const out = swap(text, simToken, appToken);
            const error = parseError(out);
            Object.assign(call, { endedAt: Date.now(), status: answer.statusCode, ...error });
            const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(out)) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(out);
          });
        },
      );
      // a dropped connection upstream is dropped for the app too
      upstream.on('error', () => req.socket.destroy());
      upstream.end(forwarded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    expire,
    expireAfter: (token, n) => void expiry.set(token, n),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The time_range a logged insights call asked for, if any. */
export function rangeOf(call: LoggedCall): { since: string; until: string } | undefined {
  const raw = call.params['time_range'];
  const range = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return range && typeof range === 'object' ? (range as { since: string; until: string }) : undefined;
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function bodyParams(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return Object.fromEntries(new URLSearchParams(body));
  }
}

function parseError(text: string): { code?: number; subcode?: number } {
  try {
    const error = (JSON.parse(text) as { error?: { code?: number; error_subcode?: number } }).error;
    return error ? { code: error.code, subcode: error.error_subcode } : {};
  } catch {
    return {};
  }
}
