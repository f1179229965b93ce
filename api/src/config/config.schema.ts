import { CronTime } from 'cron';
import express from 'express';
import { z } from 'zod';

/** Every environment variable the service reads: the README's configuration table mirrors this list. */
export const configVariables = {
  PORT: {
    default: '3000',
    description: 'HTTP port of the API and the dashboard.',
    schema: z.coerce
      .number({ error: 'must be a whole number between 0 and 65535' })
      .int({ error: 'must be a whole number between 0 and 65535' })
      .min(0, { error: 'must be a whole number between 0 and 65535' })
      .max(65535, { error: 'must be a whole number between 0 and 65535' }),
  },
  HOST: {
    default: '127.0.0.1',
    description: 'Interface to listen on; `0.0.0.0` to accept connections from other machines (Docker sets it).',
    schema: z.string().min(1, { error: 'must not be empty' }),
  },
  DATABASE_URL: {
    default: '',
    secret: true,
    description:
      'PostgreSQL server, e.g. `postgres://user:pass@host:5432/db`. Unset: the embedded PostgreSQL (PGlite) under `DATA_DIR`.',
    schema: z.string().refine((v) => v === '' || isPostgresUrl(v), {
      error: 'must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user@localhost:5432/db',
    }),
  },
  DATA_DIR: {
    default: './data',
    description:
      'Where the embedded database keeps its files; `memory` for a throwaway database. Ignored with `DATABASE_URL`.',
    schema: z.string().min(1, { error: 'must not be empty' }),
  },
  DATABASE_POOL_SIZE: {
    default: '10',
    description: 'Connections each instance keeps open to PostgreSQL.',
    schema: z.coerce
      .number({ error: 'must be a whole number between 1 and 100' })
      .int({ error: 'must be a whole number between 1 and 100' })
      .min(1, { error: 'must be a whole number between 1 and 100' })
      .max(100, { error: 'must be a whole number between 1 and 100' }),
  },
  DATABASE_CONNECT_TIMEOUT_MS: {
    default: '10000',
    description: 'How long start-up waits for the PostgreSQL server before giving up.',
    schema: z.coerce
      .number({ error: 'must be a number of milliseconds between 100 and 14000' })
      .int({ error: 'must be a number of milliseconds between 100 and 14000' })
      .min(100, { error: 'must be a number of milliseconds between 100 and 14000' })
      .max(14000, { error: 'must be a number of milliseconds between 100 and 14000' }),
  },
  META_ACCESS_TOKEN: {
    default: '',
    secret: true,
    description:
      'Marketing API token (a system-user token) for the accounts in `META_AD_ACCOUNT_IDS`. Unset: the demo runs on the built-in Meta simulator.',
    schema: z.string().refine((v) => v === '' || /^[A-Za-z0-9|_-]{20,}$/.test(v), {
      error: 'must be a Meta access token (letters and digits, at least 20 characters)',
    }),
  },
  META_AD_ACCOUNT_IDS: {
    default: '',
    description: 'Comma-separated ad accounts to sync, e.g. `act_123,act_456` (the `act_` prefix is optional).',
    schema: z
      .string()
      .refine((v) => v.split(',').every((id) => id.trim() === '' || /^(act_)?\d{1,20}$/.test(id.trim())), {
        error: 'must be a comma-separated list of ad account ids like act_1234567890',
      }),
  },
  META_PAGE_IDS: {
    default: '',
    description: 'Comma-separated Facebook page ids whose Messenger webhooks belong to `META_WORKSPACE`.',
    schema: z.string().refine((v) => v.split(',').every((id) => id.trim() === '' || /^\d{1,20}$/.test(id.trim())), {
      error: 'must be a comma-separated list of numeric page ids',
    }),
  },
  META_APP_SECRET: {
    default: '',
    secret: true,
    description:
      "The Meta app's secret: webhook deliveries are accepted only with a valid `X-Hub-Signature-256` made with it. The demo generates one when unset.",
    schema: z.string().refine((v) => v === '' || v.length >= 8, { error: 'must be at least 8 characters' }),
  },
  META_VERIFY_TOKEN: {
    default: '',
    secret: true,
    description:
      'The token Meta sends in the webhook subscribe handshake (`hub.verify_token`). The demo generates one when unset.',
    schema: z.string().refine((v) => v === '' || v.length >= 8, { error: 'must be at least 8 characters' }),
  },
  META_GRAPH_URL: {
    default: 'https://graph.facebook.com',
    description: 'Graph API base URL; tests, benchmarks and the demo point it at the Meta simulator.',
    schema: z.string().refine((v) => isHttpUrl(v), { error: 'must be an http:// or https:// URL' }),
  },
  META_API_VERSION: {
    default: 'v24.0',
    description: 'Graph API version used for every call.',
    schema: z.string().regex(/^v\d+\.\d+$/, { error: 'must look like v24.0' }),
  },
  META_WORKSPACE: {
    default: 'default',
    description: 'Workspace (slug) that the accounts in `META_AD_ACCOUNT_IDS` belong to.',
    schema: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be a slug: lower-case letters, digits and dashes' }),
  },
  SYNC_HOURLY_CRON: {
    default: '5 * * * *',
    description: 'When to sync ad structure plus today and yesterday (cron, server time); `off` to disable.',
    schema: cronOrOff(),
  },
  SYNC_DAILY_CRON: {
    default: '30 3 * * *',
    description: 'When to re-pull the last 28 days, which Meta restates (cron, server time); `off` to disable.',
    schema: cronOrOff(),
  },
  CONVERSATIONS_BACKFILL_CRON: {
    default: '20 * * * *',
    description:
      "When to read connected pages' conversations through Graph and store the messages webhooks missed; `off` to disable.",
    schema: cronOrOff(),
  },
  SECRETS_KEY: {
    default: '',
    secret: true,
    description:
      'Key that encrypts Meta tokens at rest (AES-256-GCM): 32 bytes as base64 or 64 hex characters, e.g. from `openssl rand -base64 32`. Required outside demo mode; the demo generates one per process.',
    schema: z.string().refine((v) => v === '' || parseSecretsKey(v) !== undefined, {
      error:
        'must be 32 bytes written as base64 (44 characters) or as 64 hex characters, e.g. from openssl rand -base64 32',
    }),
  },
  TOKEN_HEALTH_CRON: {
    default: '40 */6 * * *',
    description:
      "When to check every stored Meta token with `debug_token` (expiring within 7 days, or invalid: that connection's syncs stop); `off` to disable.",
    schema: cronOrOff(),
  },
  CORS_ORIGINS: {
    default: '',
    description:
      'Comma-separated origins allowed to call the API from a browser with credentials, e.g. `https://intranet.example.com`; unset keeps CORS closed (the dashboard is served from the same origin and needs none).',
    schema: z.string().refine((v) => v.split(',').every((o) => o.trim() === '' || isOrigin(o.trim())), {
      error: 'must be a comma-separated list of origins like https://app.example.com (scheme, host and port only)',
    }),
  },
  TRUST_PROXY: {
    default: 'off',
    description:
      "Which proxies in front of the app to believe about the client's address (login throttling counts per address): `off`, a number of hops, or addresses and subnets such as `loopback, 10.0.0.0/8`.",
    schema: z.string().refine((v) => parseTrustProxy(v) !== undefined, {
      error:
        'must be off, a number of proxy hops (1-10), or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
    }),
  },
  SMTP_URL: {
    default: '',
    secret: true,
    description:
      "Mail server for e-mailing weekly reports (PDF attached) to each workspace's recipients, e.g. `smtps://user:pass@mail.example.com:465?from=reports@example.com` (`from`: the sender; else `reports@` the server's host). Unset: no e-mail.",
    schema: z.string().refine((v) => v === '' || isSmtpUrl(v), {
      error: 'must be an smtp:// or smtps:// URL with a host, e.g. smtps://user:pass@mail.example.com:465',
    }),
  },
  DEMO: {
    default: 'auto',
    description:
      '`auto`: with no `META_ACCESS_TOKEN`, run the built-in Meta simulator and sync the demo workspace from it; `on` / `off` to force.',
    schema: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }),
  },
  LOG_LEVEL: {
    default: 'info',
    description: 'One of `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  },
} as const;

/** SECRETS_KEY's 32 bytes, from 64 hex characters or base64; undefined when it is neither. */
export function parseSecretsKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return undefined;
  const bytes = Buffer.from(v, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/** An origin exactly as browsers send it: scheme, host, optional port; no path. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * Express's `trust proxy` setting from TRUST_PROXY: false, a hop count, or a list that Express
 * itself accepts (it compiles the list at once and throws on a bad address); undefined otherwise.
 */
export function parseTrustProxy(value: string): false | number | string[] | undefined {
  const v = value.trim();
  if (v === 'off' || v === '') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const list = v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  try {
    express().set('trust proxy', list);
    return list;
  } catch {
    return undefined;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function cronOrOff() {
  return z.string().refine(
    (v) => {
      if (v === 'off') return true;
      try {
        new CronTime(v);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be a cron expression like "5 * * * *", or off' },
  );
}
