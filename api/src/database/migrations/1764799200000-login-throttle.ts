import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login-attempt counters in the database, so every instance behind a load balancer counts the
 * same attempts (in-memory counters would give an attacker N times the limit with N instances).
 * The key is the throttler's own hash of the address and email: no email is stored in clear.
 */
export class LoginThrottle1764799200000 implements MigrationInterface {
  name = 'LoginThrottle1764799200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        hits int NOT NULL,
        expires_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await q.query(`CREATE INDEX login_throttle_expires ON login_throttle (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
