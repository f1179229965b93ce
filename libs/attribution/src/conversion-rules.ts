import type { ConversionRule, MessengerEvent } from './types.js';

/**
 * The first rule the event satisfies, in the order given. Only what the person sends converts:
 * payload rules match postback and quick-reply payloads, keyword rules the text of inbound messages.
 */
export function matchConversionRule<R extends ConversionRule>(
  event: MessengerEvent,
  rules: readonly R[],
): R | undefined {
  if (event.kind !== 'message' && event.kind !== 'postback') return undefined;
  return rules.find((rule) => matches(rule, event));
}

function matches(rule: ConversionRule, event: MessengerEvent): boolean {
  if (rule.kind === 'payload')
    return event.payload !== undefined && globRegExp(rule.pattern)?.test(event.payload) === true;
  return (
    event.kind === 'message' &&
    event.text !== undefined &&
    keywordRegExp(rule.keyword)?.test(event.text.normalize('NFC')) === true
  );
}

/**
 * Payload patterns are globs, not regexes: workspace users write them, and a glob can neither fail to compile
 * nor backtrack catastrophically on the webhook path. Whole payload, case-sensitive (payloads are constants).
 */
export function globRegExp(pattern: string): RegExp | undefined {
  if (pattern.length === 0) return undefined;
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

// a keyword matches whole words: not inside a longer word, in any script
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}_])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}_])';

/** Case-insensitive, whole words, any whitespace between the keyword's words; blank keywords match nothing. */
export function keywordRegExp(keyword: string): RegExp | undefined {
  const words = keyword.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const body = words.map((w) => w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('\\s+');
  return new RegExp(`${EDGE_BEFORE}${body}${EDGE_AFTER}`, 'iu');
}
