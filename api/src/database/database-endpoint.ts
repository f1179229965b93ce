import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { assertDatabaseReachable } from './preflight.js';

export type DatabaseEndpoint = { url: string; embedded: boolean; close(): Promise<void> };

/** DATABASE_URL when set (checked reachable), otherwise the embedded PostgreSQL under DATA_DIR. */
export async function openDatabaseEndpoint(config: AppConfig['database']): Promise<DatabaseEndpoint> {
  if (config.url) {
    await assertDatabaseReachable(config.url, config.connectTimeoutMs);
    return { url: config.url, embedded: false, close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return { url: embedded.url, embedded: true, close: embedded.close };
}
