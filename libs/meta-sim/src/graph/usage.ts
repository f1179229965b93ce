import { GraphError } from './errors.js';
import type { SimAdAccount } from '../types.js';

export type BucType = 'ads_insights' | 'ads_management';

/** Calls allowed per rolling window, per limiter. Meta's real budgets scale with active ads; ours are fixed. */
export type UsageBudgets = {
  windowMs: number;
  /** Code 4: the whole app. */
  app: number;
  /** Code 17: one access token. */
  user: number;
  /** Code 613: one ad account, any kind of call. */
  account: number;
  /** Codes 80000 / 80004: business use case budgets, by the account's access tier. */
  buc: Record<SimAdAccount['tier'], Record<BucType, number>>;
};

export const DEFAULT_BUDGETS: UsageBudgets = {
  windowMs: 3_600_000,
  app: 50_000,
  user: 20_000,
  account: 10_000,
  buc: {
    standard: { ads_insights: 9_000, ads_management: 9_000 },
    development: { ads_insights: 600, ads_management: 300 },
  },
};

/** The limiters one call counts against; `account` is set for calls on an ad account's objects. */
export type CallScope = { token: string; account?: SimAdAccount; buc: BucType };

type Sample = { at: number; cpu: number };
type Limiter = { samples: Sample[]; blockedUntil: number };
type Usage = { call_count: number; total_cputime: number; total_time: number; regainMinutes: number };

/** Rolling-window usage like Meta's: rises with calls, decays as they leave the window, blocks past 100%. */
export class UsageTracker {
  private readonly limiters = new Map<string, Limiter>();
  requests = 0;

  constructor(
    private readonly budgets: UsageBudgets,
    private readonly now: () => number,
  ) {}

  /** Throws the error Meta would give if any limiter is exhausted (or still regaining access). */
  check(scope: CallScope): void {
    for (const [key, budget, error] of this.limitersFor(scope)) {
      const usage = this.usage(key, budget);
      if (usage.regainMinutes > 0) throw error();
    }
  }

  /** Counts one call against every limiter of its scope; `cpu` weighs heavy calls (insights) more. */
  record(scope: CallScope, cpu = 1): void {
    this.requests++;
    for (const [key] of this.limitersFor(scope)) this.limiter(key).samples.push({ at: this.now(), cpu });
  }

  headers(scope: CallScope | undefined): Record<string, string> {
    const app = this.usage('app', this.budgets.app);
    const headers: Record<string, string> = { 'x-app-usage': JSON.stringify(pct(app)) };
    const account = scope?.account;
    if (!scope || !account) return headers;
    const entries = (['ads_insights', 'ads_management'] as const).map((type) => {
      const u = this.usage(bucKey(account, type), this.budgets.buc[account.tier][type]);
      return { type, ...pct(u), estimated_time_to_regain_access: u.regainMinutes, ads_api_access_tier: tier(account) };
    });
    headers['x-business-use-case-usage'] = JSON.stringify({ [account.businessId]: entries });
    const acc = this.usage(`account:${account.id}`, this.budgets.account);
    headers['x-ad-account-usage'] = JSON.stringify({
      acc_id_util_pct: acc.call_count,
      reset_time_duration: acc.regainMinutes * 60,
      ads_api_access_tier: tier(account),
    });
    if (scope.buc === 'ads_insights') {
      const insights = entries[0]?.call_count ?? 0;
      const throttle = {
        app_id_util_pct: app.call_count,
        acc_id_util_pct: insights,
        ads_api_access_tier: tier(account),
      };
      headers['x-fb-ads-insights-throttle'] = JSON.stringify(throttle);
    }
    return headers;
  }

  private limitersFor(scope: CallScope): [string, number, () => GraphError][] {
    const list: [string, number, () => GraphError][] = [
      ['app', this.budgets.app, () => limitError(4)],
      [`user:${scope.token}`, this.budgets.user, () => limitError(17)],
    ];
    const account = scope.account;
    if (account) {
      list.push([`account:${account.id}`, this.budgets.account, () => limitError(613)]);
      const code = scope.buc === 'ads_insights' ? 80000 : 80004;
      list.push([bucKey(account, scope.buc), this.budgets.buc[account.tier][scope.buc], () => limitError(code)]);
    }
    return list;
  }

  private limiter(key: string): Limiter {
    let limiter = this.limiters.get(key);
    if (!limiter) this.limiters.set(key, (limiter = { samples: [], blockedUntil: 0 }));
    return limiter;
  }

  /** Usage of one limiter now, dropping samples that left the window and starting a block at 100%. */
  private usage(key: string, budget: number): Usage {
    const limiter = this.limiter(key);
    const now = this.now();
    const from = now - this.budgets.windowMs;
    while (limiter.samples.length && (limiter.samples[0]?.at ?? now) <= from) limiter.samples.shift();
    const calls = limiter.samples.length;
    const cpu = limiter.samples.reduce((sum, s) => sum + s.cpu, 0);
    if (limiter.blockedUntil <= now && Math.max(calls, cpu) >= budget) {
      limiter.blockedUntil = this.regainAt(limiter.samples, budget);
    }
    const regainMinutes = limiter.blockedUntil > now ? Math.ceil((limiter.blockedUntil - now) / 60_000) : 0;
    const call_count = Math.round((calls / budget) * 100);
    // wall time is the figure heavy calls exhaust first; CPU time runs a little lower, as on Meta
    const total_time = Math.round((cpu / budget) * 100);
    return { call_count, total_cputime: Math.round(total_time * 0.8), total_time, regainMinutes };
  }

  /** When enough calls leave the window to go back under budget (at least a minute, as Meta reports minutes). */
  private regainAt(samples: Sample[], budget: number): number {
    let cpu = samples.reduce((sum, s) => sum + s.cpu, 0);
    let calls = samples.length;
    for (const sample of samples) {
      if (Math.max(calls, cpu) < budget) return Math.max(sample.at + this.budgets.windowMs, this.now() + 60_000);
      calls--;
      cpu -= sample.cpu;
    }
    return this.now() + this.budgets.windowMs;
  }
}

const bucKey = (account: SimAdAccount, type: BucType) => `buc:${account.id}:${type}`;
const tier = (account: SimAdAccount) => (account.tier === 'standard' ? 'standard_access' : 'development_access');
const pct = (u: Usage) => ({ call_count: u.call_count, total_cputime: u.total_cputime, total_time: u.total_time });

const LIMIT_MESSAGES: Record<number, [string, number | undefined]> = {
  4: ['(#4) Application request limit reached', undefined],
  17: ['(#17) User request limit reached', 2446079],
  613: ['(#613) Calls to this api have exceeded the rate limit.', 1487742],
  80000: ['(#80000) There have been too many calls from this ad-account. Wait a bit and try again.', 2446079],
  80004: ['(#80004) There have been too many calls to this ad-account. Wait a bit and try again.', 2446079],
};

export function limitError(code: number): GraphError {
  const [message, subcode] = LIMIT_MESSAGES[code] ?? ['(#4) Application request limit reached', undefined];
  return new GraphError({
    message,
    type: 'OAuthException',
    code,
    ...(subcode === undefined ? {} : { error_subcode: subcode }),
    is_transient: true,
    ...(code === 613 ? { error_user_title: 'Too Many Calls', error_user_msg: 'Wait a bit and try again.' } : {}),
  });
}
