import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { callGraph, type GraphCaller, type RetryPolicy } from '../meta/graph-call.js';
import { MetaClientFactory } from '../meta/meta-client.factory.js';
import { sdkApi } from '../meta/meta-sdk.js';

type Raw = Record<string, unknown>;

/** The webhook fields the product reads (issue #6). */
export const WEBHOOK_FIELDS = [
  'messages',
  'messaging_postbacks',
  'messaging_referrals',
  'message_reads',
  'message_deliveries',
  'messaging_optins',
  'messaging_policy_enforcement',
];

/** An admin waits for these calls: a few quick retries, not a sync's patience. */
const INTERACTIVE_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 2_000, rateLimitWaits: 0 };
const MAX_PAGES = 20;

export type TokenInfo = {
  valid: boolean;
  kind: 'system_user' | 'page';
  metaUserId: string | null;
  appId: string | null;
  /** The page a page token belongs to. */
  profileId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  error: string | null;
};
export type SeenAccount = { id: string; name: string | null; currency: string | null; timezone: string | null };
export type SeenPage = { id: string; name: string | null; username: string | null; accessToken: string | null };

/**
 * The Graph calls a connection needs, through the SDK and the shared rate governor: debug_token,
 * the ad accounts and pages a token sees, and page webhook subscriptions. Errors carry Graph's
 * message only, never the request URL (which holds the token).
 */
@Injectable()
export class ConnectionsGraph {
  constructor(
    private readonly clients: MetaClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async debugToken(token: string): Promise<TokenInfo> {
    const data = ((await this.call(token, 'GET', ['debug_token'], { input_token: token }))['data'] ?? {}) as Raw;
    const error = data['error'] as { message?: string } | undefined;
    const expires = Number(data['expires_at'] ?? 0);
    return {
      valid: data['is_valid'] === true,
      kind: data['type'] === 'PAGE' ? 'page' : 'system_user',
      metaUserId: str(data['user_id']),
      appId: str(data['app_id']),
      profileId: str(data['profile_id']),
      scopes: Array.isArray(data['scopes']) ? data['scopes'].map(String) : [],
      expiresAt: expires > 0 ? new Date(expires * 1000) : null,
      error: error?.message ?? null,
    };
  }

  async adAccounts(token: string): Promise<SeenAccount[]> {
    const fields = 'id,name,currency,timezone_name';
    const rows = await this.list(token, ['me', 'adaccounts'], { fields, limit: 200 });
    return rows.map((r) => ({
      id: String(r['id']),
      name: str(r['name']),
      currency: str(r['currency']),
      timezone: str(r['timezone_name']),
    }));
  }

  /** The pages a system-user token manages, with their page tokens; a page token sees its own page. */
  async pages(token: string, kind: 'system_user' | 'page'): Promise<SeenPage[]> {
    const rows =
      kind === 'page'
        ? [await this.call(token, 'GET', ['me'], { fields: 'id,name,username' })]
        : await this.list(token, ['me', 'accounts'], { fields: 'id,name,username,access_token', limit: 100 });
    return rows.map((r) => ({
      id: String(r['id']),
      name: str(r['name']),
      username: str(r['username']),
      accessToken: kind === 'page' ? token : str(r['access_token']),
    }));
  }

  async subscribe(pageId: string, pageToken: string): Promise<void> {
    await this.call(pageToken, 'POST', [pageId, 'subscribed_apps'], { subscribed_fields: WEBHOOK_FIELDS.join(',') });
  }

  async unsubscribe(pageId: string, pageToken: string): Promise<void> {
    await this.call(pageToken, 'DELETE', [pageId, 'subscribed_apps'], {});
  }

  private async list(token: string, path: string[], params: Raw): Promise<Raw[]> {
    const api = sdkApi(token);
    const rows: Raw[] = [];
    let answer = await this.call(token, 'GET', path, params);
    for (let page = 1; ; page++) {
      rows.push(...((answer['data'] as Raw[] | undefined) ?? []));
      const next = (answer['paging'] as { next?: string } | undefined)?.next;
      if (!next || page >= MAX_PAGES) return rows;
      answer = await callGraph(this.caller(), 'connections', () => api.call('GET', next) as Promise<Raw>, headersOf);
    }
  }

  private call(token: string, method: 'GET' | 'POST' | 'DELETE', path: string[], params: Raw): Promise<Raw> {
    const api = sdkApi(token);
    return callGraph(
      this.caller(),
      'connections',
      () => api.call(method, path, { ...params }) as Promise<Raw>,
      headersOf,
    );
  }

  private caller(): GraphCaller {
    return { governor: this.clients.governor, clock: this.clock, policy: INTERACTIVE_RETRY, random: Math.random };
  }
}

const headersOf = (r: Raw) => r['headers'] as Record<string, unknown> | undefined;
const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
