import { createHmac, randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { SESSION_COOKIE } from '../../src/auth/auth.constants.js';
import { MembersService } from '../../src/auth/members.service.js';
import type { Role, TokenScope } from '../../src/auth/roles.js';
import { TokensService } from '../../src/auth/tokens.service.js';
import { loadConfig } from '../../src/config/config.js';
import { WebhookProcessor } from '../../src/messenger/webhook.processor.js';
import { WorkspacesRepository } from '../../src/workspaces/workspaces.repository.js';

export type RunningApp = {
  app: INestApplication;
  baseUrl: string;
  sql: DataSource;
  /** A signed-in owner of the app's workspace (META_WORKSPACE, or demo in demo mode): send these with /api calls. */
  authHeaders: Record<string, string>;
  /** fetch on the app, as that owner. */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
};

/** Quiet by default: no logs, no demo, no scheduled job firing in the middle of a test. */
const QUIET = {
  LOG_LEVEL: 'silent',
  PORT: '0',
  DEMO: 'off',
  SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
  SYNC_HOURLY_CRON: 'off',
  SYNC_DAILY_CRON: 'off',
  CONVERSATIONS_BACKFILL_CRON: 'off',
};

/** The whole Nest app on a test database, listening on a free loopback port; `env` adds or overrides settings. */
export async function startTestApp(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({ ...QUIET, ...env });
  const app = await createApp({ config, databaseUrl });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const authHeaders = await memberHeaders(app, { workspace: config.demo ? 'demo' : config.meta.workspace });
  return {
    app,
    baseUrl,
    sql: app.get<DataSource>(getDataSourceToken()),
    authHeaders,
    api: (path, init) => fetch(`${baseUrl}${path}`, withHeaders(init, authHeaders)),
    close: () => app.close(),
  };
}

/** Adds headers (credentials) to a fetch's options. */
export function withHeaders(init: RequestInit | undefined, headers: Record<string, string>): RequestInit {
  return { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), ...headers } };
}

/**
 * The session cookie of a member with this role in the workspace (created if missing), made
 * through the real services: a user, a membership, a session.
 */
export async function memberHeaders(
  app: INestApplication,
  { workspace, role = 'owner', email }: { workspace: string; role?: Role; email?: string },
): Promise<Record<string, string>> {
  const ws = await app.get(WorkspacesRepository).ensure(workspace, workspace);
  const member = await app.get(MembersService).add({
    email: email ?? `${role}@${workspace}.test`,
    workspace,
    role,
    password: randomBytes(12).toString('base64url'),
    actor: 'test set-up',
  });
  const secret = await app.get(AuthService).createSession(member.userId, ws.id);
  return { cookie: `${SESSION_COOKIE}=${secret}` };
}

/** An Authorization header with a new API token of the workspace (created if missing). */
export async function tokenHeaders(
  app: INestApplication,
  { workspace, scope }: { workspace: string; scope: TokenScope },
): Promise<Record<string, string> & { tokenId: string }> {
  const ws = await app.get(WorkspacesRepository).ensure(workspace, workspace);
  const created = await app.get(TokensService).create(ws.id, `${scope} token`, scope, { kind: 'cli' });
  return { authorization: `Bearer ${created.token}`, tokenId: created.id };
}

/**
 * POSTs one signed Messenger delivery of a page's `messaging` items, as Meta would, checks it is
 * acknowledged, and processes it.
 */
export async function deliverMessaging(
  running: Pick<RunningApp, 'app' | 'sql' | 'baseUrl'>,
  { secret, page, messaging }: { secret: string; page: string; messaging: unknown[] },
): Promise<void> {
  const body = JSON.stringify({ object: 'page', entry: [{ id: page, time: Date.now(), messaging }] });
  const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
    method: 'POST',
    body,
    headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
  });
  if (res.status !== 200) throw new Error(`the webhook answered ${res.status}: ${await res.text()}`);
  await processAllWebhooks(running);
}

/** Processes stored webhook deliveries until none is pending (the background processor may hold one for a moment). */
export async function processAllWebhooks({ app, sql }: Pick<RunningApp, 'app' | 'sql'>): Promise<void> {
  for (;;) {
    await app.get(WebhookProcessor).drain();
    const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'pending'`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
