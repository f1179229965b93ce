import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEY = Buffer.alloc(32, 1).toString('base64');

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      database: { url: undefined, dataDir: './data', poolSize: 10, connectTimeoutMs: 10000 },
      logLevel: 'info',
      meta: {
        accessToken: undefined,
        adAccountIds: [],
        pageIds: [],
        appSecret: undefined,
        verifyToken: undefined,
        graphUrl: 'https://graph.facebook.com',
        apiVersion: 'v24.0',
        workspace: 'default',
      },
      sync: { hourlyCron: '5 * * * *', dailyCron: '30 3 * * *', worker: true },
      messenger: { backfillCron: '20 * * * *' },
      secrets: { key: expect.any(Buffer), generated: true },
      connections: { healthCron: '40 */6 * * *' },
      corsOrigins: [],
      trustProxy: false,
      demo: true,
      mail: { smtpUrl: undefined },
    });
  });

  it('reads SMTP_URL as an smtp:// or smtps:// URL, and refuses anything else without echoing it', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465' }).mail.smtpUrl).toBe(
      'smtps://u:p@mail.example.com:465',
    );
    expect(() => loadConfig({ SMTP_URL: 'http://u:hunter22@mail.example.com' })).toThrow(
      /SMTP_URL is invalid: it must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => loadConfig({ SMTP_URL: 'http://u:hunter22@mail.example.com' })).not.toThrow(/hunter22/);
  });

  it('reads CORS_ORIGINS as exact origins, and refuses a URL with a path', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173,https://a.example.com' }).corsOrigins,
    ).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/dashboard' })).toThrow(
      /CORS_ORIGINS=.* is invalid: it must be a comma-separated list of origins/,
    );
  });

  it('reads TRUST_PROXY as off, a hop count or addresses Express accepts', () => {
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    for (const bad of ['0', '11', 'not-an-address', '10.0.0.0/99'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(
        /TRUST_PROXY=.* is invalid: it must be off, a number of proxy hops/,
      );
  });

  it('reads SECRETS_KEY as 64 hex characters or base64 of 32 bytes', () => {
    const bytes = Buffer.alloc(32, 7);
    for (const written of [bytes.toString('hex'), bytes.toString('base64')]) {
      expect(loadConfig({ DEMO: 'off', SECRETS_KEY: written }).secrets).toEqual({ key: bytes, generated: false });
    }
  });

  it('refuses to start outside demo mode without SECRETS_KEY, saying how to make one', () => {
    expect(() => loadConfig({ DEMO: 'off' })).toThrow(
      /^SECRETS_KEY is not set: .* generate one with `openssl rand -base64 32`/,
    );
  });

  it.each(['too-short', Buffer.alloc(16).toString('base64'), 'z'.repeat(64)])(
    'rejects SECRETS_KEY %s without echoing it',
    (value) => {
      expect(() => loadConfig({ SECRETS_KEY: value })).toThrow(/^SECRETS_KEY is invalid: it must be 32 bytes/);
      expect(() => loadConfig({ SECRETS_KEY: value })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining(value) }),
      );
    },
  );

  it('reads the Meta settings: account ids normalised, demo off once a token is given', () => {
    const config = loadConfig({
      META_ACCESS_TOKEN: 'EAAB0123456789abcdefghij',
      META_AD_ACCOUNT_IDS: ' act_101, 202 ,act_101',
      META_GRAPH_URL: 'http://127.0.0.1:4010/',
      SYNC_DAILY_CRON: 'off',
      SECRETS_KEY: KEY,
    });
    expect(config.meta.adAccountIds).toEqual(['act_101', 'act_202']);
    expect(config.meta.graphUrl).toBe('http://127.0.0.1:4010');
    expect(config.sync).toEqual({ hourlyCron: '5 * * * *', dailyCron: undefined, worker: true });
    expect(config.demo).toBe(false);
    expect(loadConfig({ META_ACCESS_TOKEN: 'EAAB0123456789abcdefghij', DEMO: 'on' }).demo).toBe(true);
    expect(loadConfig({ DEMO: 'off', SECRETS_KEY: KEY }).demo).toBe(false);
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://app:pw@db.internal:6543/ctm',
      DATA_DIR: 'memory',
      DATABASE_POOL_SIZE: '4',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({
      url: 'postgresql://app:pw@db.internal:6543/ctm',
      dataDir: 'memory',
      poolSize: 4,
      connectTimeoutMs: 500,
    });
    expect(config.logLevel).toBe('debug');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT="abc" is invalid: it must be a whole number between 0 and 65535\.$/],
    [{ PORT: '70000' }, /^PORT="70000" is invalid/],
    [{ PORT: '80.5' }, /^PORT="80.5" is invalid/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL="verbose" is invalid: it must be one of fatal, error, warn/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL is invalid: it must be a postgres:\/\/ or postgresql:\/\/ URL/],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, /^DATABASE_URL is invalid/],
    [{ DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE="0" is invalid/],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '20000' }, /^DATABASE_CONNECT_TIMEOUT_MS="20000" is invalid/],
    [{ META_AD_ACCOUNT_IDS: 'act_12,acct_9' }, /^META_AD_ACCOUNT_IDS="act_12,acct_9" is invalid: it must be a comma/],
    [{ META_GRAPH_URL: 'graph.facebook.com' }, /^META_GRAPH_URL="graph.facebook.com" is invalid/],
    [{ META_API_VERSION: '24' }, /^META_API_VERSION="24" is invalid: it must look like v24.0\.$/],
    [{ SYNC_HOURLY_CRON: 'every hour' }, /^SYNC_HOURLY_CRON="every hour" is invalid: it must be a cron expression/],
    [{ META_ACCESS_TOKEN: 'short' }, /^META_ACCESS_TOKEN is invalid: it must be a Meta access token/],
    [
      { META_PAGE_IDS: '123,abc' },
      /^META_PAGE_IDS="123,abc" is invalid: it must be a comma-separated list of numeric page ids\.$/,
    ],
    [{ META_APP_SECRET: 'short' }, /^META_APP_SECRET is invalid: it must be at least 8 characters\.$/],
    [{ DEMO: 'yes' }, /^DEMO="yes" is invalid: it must be auto, on or off\.$/],
  ])('rejects %o with one sentence naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@localhost/db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
