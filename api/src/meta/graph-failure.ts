import { readUsage } from './usage-headers.js';

/** What a failed Graph call means for the sync, decided once from the SDK's error. */
export type GraphFailure =
  | { kind: 'token-invalid'; code: number; subcode?: number; message: string }
  | { kind: 'rate-limited'; code: number; subcode?: number; message: string; waitMs: number }
  | { kind: 'too-much-data'; code: number; subcode?: number; message: string }
  | { kind: 'transient'; code?: number; status?: number; message: string }
  | { kind: 'permanent'; code?: number; subcode?: number; status?: number; message: string };

/** Codes Meta uses for throttling: app (4), user (17), page (32), ad account (613), business use case (80000–80014). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isBusinessUseCase = (code: number) => code >= 80000 && code <= 80014;
/** Without a regain estimate, wait this long after a rate-limit error before the next try. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

type SdkError = {
  name?: string;
  message?: string;
  status?: number | null;
  response?: { code?: number; error_subcode?: number; is_transient?: boolean; message?: string } | null;
  headers?: Record<string, unknown>;
  code?: string;
};

/** Classifies a FacebookRequestError (or a network error) without ever echoing the request URL, which holds the token. */
export function classifyGraphError(error: unknown): GraphFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  // anything but the SDK's request error is a bug on our side, not Meta being busy: never retried
  if (e.name !== 'FacebookRequestError') return { kind: 'permanent', message: e.message ?? String(error) };
  const code = typeof e.response?.code === 'number' ? e.response.code : undefined;
  const subcode = e.response?.error_subcode;
  const message = e.response?.message ?? e.message ?? 'no answer from Meta';
  const status = typeof e.status === 'number' ? e.status : undefined;

  if (code === 190) return { kind: 'token-invalid', code, subcode, message };
  if (code !== undefined && (RATE_LIMIT_CODES.has(code) || isBusinessUseCase(code))) {
    const { regainMs } = readUsage(e.headers);
    return { kind: 'rate-limited', code, subcode, message, waitMs: regainMs || DEFAULT_RATE_LIMIT_WAIT_MS };
  }
  if (code === 100 && subcode === 1487534) return { kind: 'too-much-data', code, subcode, message };
  if (code === 1 || code === 2 || e.response?.is_transient === true)
    return { kind: 'transient', code, status, message };
  if (status === undefined || status >= 500)
    return { kind: 'transient', code, status, message: networkMessage(e, message) };
  return { kind: 'permanent', code, subcode, status, message };
}

function networkMessage(e: SdkError, fallback: string): string {
  // axios puts ECONNRESET / ECONNABORTED (timeout) on the original error; the SDK keeps only its message
  return e.code ? `${e.code}: ${fallback}` : fallback;
}
