import pg from 'pg';

/** Raised when the PostgreSQL server named by DATABASE_URL does not answer at start-up. */
export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}

/**
 * Connects once before the app boots, so an unreachable server fails fast with a sentence naming
 * host:port instead of the ORM's retry loop.
 */
export async function assertDatabaseReachable(url: string, timeoutMs: number): Promise<void> {
  const { hostname, port } = new URL(url);
  const where = `${hostname}:${port || '5432'}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = describe(error);
    throw new DatabaseUnreachableError(
      `Could not reach PostgreSQL at ${where} (DATABASE_URL) within ${Math.round(timeoutMs / 1000)} s: ${reason}.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message || 'no answer';
}
