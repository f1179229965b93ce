import { compact } from './json.js';
import { timelineOf } from './timeline.js';
import type { ContactSummary, EventKind, MessengerEvent, Touch } from './types.js';

/**
 * How long after the first thing a person does a referral still counts as what opened the thread:
 * Meta may deliver the referral and the first message as separate events, out of order, a moment apart.
 */
export const REFERRAL_GRACE_MS = 5_000;

/** What the person does themselves; reads, deliveries and echoes follow the page's messages, not theirs. */
const PERSON_ACTS: ReadonlySet<EventKind> = new Set<EventKind>(['message', 'postback', 'referral', 'optin']);
/** Not about a person: page-level notices and items we cannot read. */
const IGNORED: ReadonlySet<EventKind> = new Set<EventKind>(['policy', 'unknown']);

/** The events given are not of one person on one page. */
export class ContactMismatchError extends Error {
  readonly code = 'CONTACT_MISMATCH';
  override readonly name = 'ContactMismatchError';
}

/**
 * One person on one page from all their events (PSID events plus user_ref events known to be theirs),
 * in any order, with duplicates: undefined until the person has done something themselves.
 */
export function summarizeContact(events: readonly MessengerEvent[]): ContactSummary | undefined {
  const timeline = timelineOf(events.filter((e) => !IGNORED.has(e.kind)));
  const acts = timeline.filter((e) => PERSON_ACTS.has(e.kind));
  const first = acts[0];
  const last = acts.at(-1);
  if (!first || !last) return undefined;
  const touches = touchesOf(first, acts);
  const [firstTouch] = touches;
  if (!firstTouch) return undefined;
  return compact({
    ...identityOf(timeline),
    firstSeenAt: first.time,
    firstTouch,
    touches,
    inboundMessages: acts.filter((e) => e.kind === 'message').length,
    lastInboundAt: last.time,
    pageSpokeFirst: timeline.some((e) => e.kind === 'echo' && e.time < first.time),
    firstResponseAt: timeline.find((e) => e.kind === 'echo' && e.time >= first.time)?.time,
  });
}

function identityOf(timeline: MessengerEvent[]): { pageId: string; psid?: string; userRefs: string[] } {
  const pages = new Set(timeline.map((e) => e.pageId));
  const psids = new Set(timeline.flatMap((e) => (e.psid === undefined ? [] : [e.psid])));
  if (pages.size > 1) throw new ContactMismatchError(`Events of one contact span pages ${[...pages].join(', ')}.`);
  if (psids.size > 1) throw new ContactMismatchError(`Events of one contact carry PSIDs ${[...psids].join(', ')}.`);
  const userRefs = [...new Set(timeline.flatMap((e) => (e.userRef === undefined ? [] : [e.userRef])))].sort();
  return { pageId: timeline[0]?.pageId ?? '', psid: [...psids][0], userRefs };
}

/** The opening touch (a referral within the grace window, else organic), then each later distinct referral. */
function touchesOf(first: MessengerEvent, acts: MessengerEvent[]): Touch[] {
  const opener = acts.find((e) => e.referral && e.time <= first.time + REFERRAL_GRACE_MS);
  // the thread opened with the first act, even when its referral was delivered a moment later
  const opening = opener
    ? { ...touchOf(opener, true), time: first.time }
    : { eventId: first.id, source: 'ORGANIC' as const, time: first.time, opensThread: true };
  const touches: Touch[] = [opening];
  let previous = opener;
  for (const event of acts) {
    if (!event.referral || event === opener) continue;
    if (previous && sameClick(previous, event)) continue;
    touches.push(touchOf(event, false));
    previous = event;
  }
  return touches;
}

function touchOf(event: MessengerEvent, opensThread: boolean): Touch {
  const referral = event.referral ?? { source: 'ORGANIC' };
  const { source, ref, adId, adTitle, refererUri } = referral;
  return compact({ eventId: event.id, source, time: event.time, ref, adId, adTitle, refererUri, opensThread });
}

/** One click can surface twice (postback referral, then message referral): same referral moments apart. */
function sameClick(earlier: MessengerEvent, later: MessengerEvent): boolean {
  const [a, b] = [earlier.referral, later.referral];
  return (
    a !== undefined &&
    b !== undefined &&
    a.source === b.source &&
    a.ref === b.ref &&
    a.adId === b.adId &&
    later.time - earlier.time <= REFERRAL_GRACE_MS
  );
}
