import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

type Record = { totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number };
type Row = { hits: number; expires_at: Date; blocked_until: Date | null; now: Date };

/** Expired counters are swept once every this many attempts on an instance. */
const SWEEP_EVERY = 100;

/**
 * @nestjs/throttler's storage in PostgreSQL (the login_throttle table): the same semantics as its
 * in-memory storage, a fixed window per key and a block once over the limit, but shared by every
 * instance and timed by the database's clock, so instances with skewed clocks agree.
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<Record> {
    if (++this.calls % SWEEP_EVERY === 0)
      await this.db.query(
        `DELETE FROM login_throttle WHERE expires_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
      );
    return this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO login_throttle (key, hits, expires_at) VALUES ($1, 0, now()) ON CONFLICT (key) DO NOTHING`,
        [key],
      );
      const [row]: Row[] = await m.query(
        `SELECT hits, expires_at, blocked_until, now() AS now FROM login_throttle WHERE key = $1 FOR UPDATE`,
        [key],
      );
      const next = advance(row!, ttl, limit, blockDuration);
      await m.query(`UPDATE login_throttle SET hits = $2, expires_at = $3, blocked_until = $4 WHERE key = $1`, [
        key,
        next.hits,
        next.expiresAt,
        next.blockedUntil,
      ]);
      const now = row!.now.getTime();
      const seconds = (at: Date | null) => (at ? Math.max(0, Math.ceil((at.getTime() - now) / 1000)) : 0);
      return {
        totalHits: next.hits,
        timeToExpire: seconds(next.expiresAt),
        isBlocked: next.blockedUntil !== null,
        timeToBlockExpire: seconds(next.blockedUntil),
      };
    });
  }
}

/** One attempt on a counter: a fresh window once the last one (or its block) is over; blocked past the limit. */
export function advance(
  row: Pick<Row, 'hits' | 'expires_at' | 'blocked_until' | 'now'>,
  ttl: number,
  limit: number,
  blockDuration: number,
): { hits: number; expiresAt: Date; blockedUntil: Date | null } {
  const now = row.now.getTime();
  let hits = row.hits;
  let expiresAt = row.expires_at;
  let blockedUntil = row.blocked_until && row.blocked_until.getTime() > now ? row.blocked_until : null;
  if (blockedUntil) return { hits, expiresAt, blockedUntil };
  if (row.blocked_until || expiresAt.getTime() <= now) {
    hits = 0;
    expiresAt = new Date(now + ttl);
  }
  hits += 1;
  if (hits > limit) blockedUntil = new Date(now + blockDuration);
  return { hits, expiresAt, blockedUntil };
}
