/**
 * Meta's rules for the `ref` of an m.me link (developers.facebook.com, "m.me Links"): letters,
 * digits, `-`, `_` and `=`, up to 2,083 characters. The dashboard checks the same rule before sending.
 */
export const REF_MAX_LENGTH = 2083;
export const REF_PATTERN = /^[A-Za-z0-9_=-]+$/;

/** The m.me link a ref opens: the page's username when known, else its id (m.me accepts both). */
export function mmeUrl(page: { pageId: string; username: string | null }, ref: string): string {
  return `https://m.me/${encodeURIComponent(page.username ?? page.pageId)}?ref=${ref}`;
}

/** A file name for a link's QR code: the page and the ref, reduced to safe characters and a sane length. */
export function qrFileName(page: { pageId: string; username: string | null }, ref: string, ext: 'png' | 'svg'): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 80);
  return `${safe(page.username ?? page.pageId)}-${safe(ref)}-qr.${ext}`;
}
