import type { CookieOptions, Request } from 'express';
import { SESSION_COOKIE, SESSION_TTL_MS } from './auth.constants.js';

/** The session secret from the Cookie header, if any (no cookie-parser: this is the only cookie). */
export function sessionSecret(req: Pick<Request, 'headers'>): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** httpOnly, SameSite=Lax, and Secure when the request came over HTTPS (directly or through a proxy that says so). */
export function sessionCookieOptions(req: Pick<Request, 'headers' | 'secure'>): CookieOptions {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]!
    .trim();
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure || forwarded === 'https',
    path: '/',
    maxAge: SESSION_TTL_MS,
  };
}
