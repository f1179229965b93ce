import { randomBytes } from 'node:crypto';
import { configVariables, parseSecretsKey, parseTrustProxy } from './config.schema.js';

type Variables = typeof configVariables;
type VariableName = keyof Variables;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type AppConfig = {
  port: number;
  host: string;
  database: { url: string | undefined; dataDir: string; poolSize: number; connectTimeoutMs: number };
  logLevel: LogLevel;
  meta: {
    /** Secret: never logged, never returned by the API. */
    accessToken: string | undefined;
    adAccountIds: string[];
    pageIds: string[];
    /** Secrets: webhook signature key and handshake token; undefined until configured. */
    appSecret: string | undefined;
    verifyToken: string | undefined;
    graphUrl: string;
    apiVersion: string;
    workspace: string;
  };
  /** `worker`: run queued syncs in the background (off for one-shot commands such as `npm run sync`). */
  sync: { hourlyCron: string | undefined; dailyCron: string | undefined; worker: boolean };
  messenger: { backfillCron: string | undefined };
  /**
   * Secret: the key that encrypts stored Meta tokens. `generated`: none was configured and this
   * demo process made its own (stored tokens do not survive a restart).
   */
  secrets: { key: Buffer; generated: boolean };
  connections: { healthCron: string | undefined };
  /** Browser origins allowed to call the API with credentials; empty: CORS closed. */
  corsOrigins: string[];
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe. */
  trustProxy: false | number | string[];
  /** Run the built-in Meta simulator and sync the demo workspace from it. */
  demo: boolean;
  /** Secret (the URL holds the SMTP password): where report e-mails go out; undefined: no e-mail. */
  mail: { smtpUrl: string | undefined };
};

/** A configuration value that stops start-up; the message is one sentence naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment once, at boot. Nothing else in the service reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const read = <K extends VariableName>(name: K) => {
    const spec = configVariables[name];
    const raw = env[name] === undefined || env[name] === '' ? spec.default : env[name];
    const result = spec.schema.safeParse(raw);
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? 'is invalid';
      // a URL may hold a password: name the variable, never echo a secret value
      const shown = 'secret' in spec ? name : `${name}=${JSON.stringify(env[name])}`;
      throw new ConfigError(`${shown} is invalid: it ${reason}.`);
    }
    return result.data as ReturnType<Variables[K]['schema']['parse']>;
  };
  const databaseUrl = read('DATABASE_URL');
  const accessToken = read('META_ACCESS_TOKEN') || undefined;
  const demo = read('DEMO');
  const cron = (value: string) => (value === 'off' ? undefined : value);
  const isDemo = demo === 'on' || (demo === 'auto' && accessToken === undefined);
  const configuredKey = read('SECRETS_KEY');
  if (configuredKey === '' && !isDemo)
    throw new ConfigError(
      'SECRETS_KEY is not set: outside demo mode it is required to encrypt Meta tokens at rest; generate one with `openssl rand -base64 32` and set it in the environment.',
    );
  const secrets = configuredKey
    ? { key: parseSecretsKey(configuredKey)!, generated: false }
    : { key: randomBytes(32), generated: true };
  return {
    port: read('PORT'),
    host: read('HOST'),
    database: {
      url: databaseUrl === '' ? undefined : databaseUrl,
      dataDir: read('DATA_DIR'),
      poolSize: read('DATABASE_POOL_SIZE'),
      connectTimeoutMs: read('DATABASE_CONNECT_TIMEOUT_MS'),
    },
    logLevel: read('LOG_LEVEL'),
    meta: {
      accessToken,
      adAccountIds: parseAccountIds(read('META_AD_ACCOUNT_IDS')),
      pageIds: [
        ...new Set(
          read('META_PAGE_IDS')
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        ),
      ],
      appSecret: read('META_APP_SECRET') || undefined,
      verifyToken: read('META_VERIFY_TOKEN') || undefined,
      graphUrl: read('META_GRAPH_URL').replace(/\/+$/, ''),
      apiVersion: read('META_API_VERSION'),
      workspace: read('META_WORKSPACE'),
    },
    sync: { hourlyCron: cron(read('SYNC_HOURLY_CRON')), dailyCron: cron(read('SYNC_DAILY_CRON')), worker: true },
    messenger: { backfillCron: cron(read('CONVERSATIONS_BACKFILL_CRON')) },
    secrets,
    connections: { healthCron: cron(read('TOKEN_HEALTH_CRON')) },
    corsOrigins: [
      ...new Set(
        read('CORS_ORIGINS')
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    ],
    trustProxy: parseTrustProxy(read('TRUST_PROXY'))!,
    demo: isDemo,
    mail: { smtpUrl: read('SMTP_URL') || undefined },
  };
}

/** `123, act_456` → ['act_123', 'act_456'], duplicates dropped. */
function parseAccountIds(value: string): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
    .map((id) => (id.startsWith('act_') ? id : `act_${id}`));
  return [...new Set(ids)];
}
