import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

describe('the embedded database under concurrent connections', () => {
  let db: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await startEmbeddedPostgres('memory');
    pool = new pg.Pool({ connectionString: db.url, max: 8 });
    await pool.query('CREATE TABLE counter (k int PRIMARY KEY, n int NOT NULL)');
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('answers interleaved parameterised queries of different shapes correctly', async () => {
    const queries = Array.from({ length: 300 }, async (_, i) => {
      switch (i % 3) {
        case 0:
          return (
            (await pool.query('SELECT $1::int + $2::int + $3::int + $4::int AS v', [i, 1, 2, 3])).rows[0].v === i + 6
          );
        case 1:
          return (await pool.query('SELECT $1::text AS v', [`q${i}`])).rows[0].v === `q${i}`;
        default:
          return (await pool.query('SELECT 7 AS v')).rows[0].v === 7;
      }
    });
    expect((await Promise.all(queries)).every(Boolean)).toBe(true);
  });

  it('keeps each transaction whole while other connections query', async () => {
    const work = Array.from({ length: 40 }, async (_, i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO counter (k, n) VALUES ($1, $2)', [i, 0]);
        await client.query('UPDATE counter SET n = n + $2 WHERE k = $1', [i, i]);
        if (i % 4 === 0) await client.query('ROLLBACK');
        else await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    await Promise.all([...work, ...Array.from({ length: 40 }, (_, i) => pool.query('SELECT $1::int AS v', [i]))]);
    const { rows } = await pool.query('SELECT count(*)::int AS rows, coalesce(sum(n), 0)::int AS total FROM counter');
    const kept = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 4 !== 0);
    expect(rows[0]).toEqual({ rows: kept.length, total: kept.reduce((a, b) => a + b, 0) });
  });
});
