/** The session cookie: httpOnly, SameSite=Lax, Secure over HTTPS. */
export const SESSION_COOKIE = 'ctm_session';
/** A session lasts 14 days from its last use. */
export const SESSION_TTL_MS = 14 * 86_400_000;
/** Last-seen and last-used times are written at most this often per session or token, not on every request. */
export const TOUCH_EVERY_MS = 60_000;
/** Names the workspace a signed-in user acts in, for one request (one of theirs; a token has its own). */
export const WORKSPACE_HEADER = 'x-workspace';
export const API_TOKEN_PREFIX = 'ctm_';
