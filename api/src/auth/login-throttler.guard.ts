import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limits for the routes that check a password: per address and account, and per address alone. */
export const LOGIN_THROTTLERS = [
  { name: 'account', ttl: 60_000, limit: 5, getTracker: accountTracker },
  { name: 'address', ttl: 60_000, limit: 30 },
];
export const THROTTLED_MESSAGE = 'Too many attempts: wait a minute and try again.';

function accountTracker(req: Record<string, unknown>): string {
  const body = req['body'] as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  return `${String(req['ip'])}|${email}`;
}

/** Applied to sign-in, first run and password change only (not app-wide: data routes are not limited here). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {}
