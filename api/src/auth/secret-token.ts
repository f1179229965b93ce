import { createHash, randomBytes } from 'node:crypto';

/**
 * A random secret (session id or API token): 32 bytes, 256 bits, base64url. Only its SHA-256 is
 * stored: with that much entropy nobody can guess one from the hash, so a slow hash (argon2, meant
 * for passwords people choose) would only cost CPU on every request and rule out an indexed lookup.
 */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
