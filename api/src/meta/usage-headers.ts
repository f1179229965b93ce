/** How close Meta says we are to a limit, read from its usage headers (all percentages 0–100+). */
export type UsageReading = {
  /** The highest usage percentage any header reports. */
  maxPct: number;
  /** Meta's own wait before access comes back, 0 when not limited. */
  regainMs: number;
};

const NONE: UsageReading = { maxPct: 0, regainMs: 0 };

type Headers = Record<string, unknown> | undefined;

/**
 * Reads X-App-Usage, X-Business-Use-Case-Usage, X-Ad-Account-Usage and x-fb-ads-insights-throttle.
 * Malformed or missing headers count as no usage: they must never stop a sync.
 */
export function readUsage(headers: Headers): UsageReading {
  if (!headers) return NONE;
  const get = (name: string) => parseJson(headerValue(headers, name));
  const pcts: number[] = [];
  let regainMs = 0;

  const app = get('x-app-usage');
  if (isRecord(app)) pcts.push(...numbers(app, ['call_count', 'total_cputime', 'total_time']));

  const buc = get('x-business-use-case-usage');
  if (isRecord(buc)) {
    for (const entries of Object.values(buc)) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        if (!isRecord(entry)) continue;
        pcts.push(...numbers(entry, ['call_count', 'total_cputime', 'total_time']));
        regainMs = Math.max(regainMs, minutes(entry['estimated_time_to_regain_access']));
      }
    }
  }

  const account = get('x-ad-account-usage');
  if (isRecord(account)) {
    pcts.push(...numbers(account, ['acc_id_util_pct']));
    const reset = Number(account['reset_time_duration']);
    if (Number.isFinite(reset) && reset > 0 && Number(account['acc_id_util_pct']) >= 100) {
      regainMs = Math.max(regainMs, reset * 1000);
    }
  }

  const throttle = get('x-fb-ads-insights-throttle');
  if (isRecord(throttle)) pcts.push(...numbers(throttle, ['app_id_util_pct', 'acc_id_util_pct']));

  return { maxPct: pcts.length ? Math.max(...pcts) : 0, regainMs };
}

function headerValue(headers: Record<string, unknown>, name: string): unknown {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numbers(record: Record<string, unknown>, keys: string[]): number[] {
  return keys.map((k) => Number(record[k])).filter((n) => Number.isFinite(n));
}

function minutes(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n * 60_000 : 0;
}
