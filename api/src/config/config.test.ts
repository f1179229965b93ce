import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      database: { url: undefined, dataDir: './data', poolSize: 10, connectTimeoutMs: 10000 },
      logLevel: 'info',
    });
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
