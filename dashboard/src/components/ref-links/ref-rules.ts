/** Meta's rule for an m.me ref, as the API checks it (api/src/links/ref-rules.ts): letters, digits, -, _ and =, up to 2,083. */
export const REF_MAX_LENGTH = 2083;
const REF_PATTERN = /^[A-Za-z0-9_=-]+$/;

/** Why a ref cannot be used, in a sentence; null when Meta accepts it. */
export function refProblem(ref: string): string | null {
  if (ref === '') return 'Enter a ref: the tag after ?ref= in the link, e.g. spring_sale.';
  if (ref.length > REF_MAX_LENGTH) return `A ref can be at most ${REF_MAX_LENGTH} characters (Meta’s limit).`;
  if (!REF_PATTERN.test(ref)) {
    const bad = [...new Set(ref.replace(/[A-Za-z0-9_=-]/g, ''))].map((c) => (c === ' ' ? 'space' : c));
    return `A ref may contain only letters, digits, -, _ and = (not ${bad.join(' ')}).`;
  }
  return null;
}
