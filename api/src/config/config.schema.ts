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
  LOG_LEVEL: {
    default: 'info',
    description: 'One of `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  },
} as const;

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
