import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

export type DatabaseOptions = { url: string; poolSize: number; connectTimeoutMs: number };

/** One set of TypeORM options for the embedded database and a server alike: same driver, same SQL. */
export function dataSourceOptions(db: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    poolSize: db.poolSize,
    extra: { connectionTimeoutMillis: db.connectTimeoutMs },
    entities: [],
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  };
}
