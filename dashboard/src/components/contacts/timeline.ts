import type { ContactDetail } from '../../data/contacts/contact-query';
import { formatMoney } from '../../lib/number-format';
import { sourceLabel } from './contact-filters';

export type TimelineKind = 'touch' | 'conversion' | 'block' | 'unblock' | 'message' | 'send';
export type TimelineEvent = { time: string; kind: TimelineKind; title: string; detail?: string };

/** Where a touch came from, in words: "Ads, ad 123", "m.me link, ref spring-qr". */
export function touchOrigin(t: { source: string; ref: string | null; adId: string | null }): string {
  return [sourceLabel(t.source), t.ref && `ref ${t.ref}`, t.adId && `ad ${t.adId}`].filter(Boolean).join(', ');
}

const SEND_WORDS: Record<string, string> = {
  delivered: 'A message to them was delivered',
  outside_window: 'A message was refused: outside the 24-hour window',
  failed: 'A message to them failed',
};

/**
 * Send API answers as the app reads them (libs/attribution reachability): a 551 "unreachable" means
 * they blocked the page or deleted the thread; a later delivery, or a message from them, undoes it.
 */
function sendEvents(outcomes: ContactDetail['sendOutcomes'], inboundAt: string | null): TimelineEvent[] {
  let blockedAt: string | null = null;
  const events: TimelineEvent[] = [];
  for (const { time, outcome, errorCode } of outcomes) {
    const detail = errorCode === null ? undefined : `Send API error ${errorCode}`;
    if (blockedAt && inboundAt && inboundAt > blockedAt && inboundAt <= time) {
      events.push({ time: inboundAt, kind: 'unblock', title: 'Reachable again: they wrote to the page' });
      blockedAt = null;
    }
    if (outcome === 'unreachable') {
      events.push(
        blockedAt
          ? { time, kind: 'send', title: 'Still unreachable', detail }
          : { time, kind: 'block', title: 'Blocked the page or deleted the conversation', detail },
      );
      blockedAt ??= time;
    } else if (outcome === 'delivered' && blockedAt) {
      events.push({ time, kind: 'unblock', title: 'Reachable again: a message to them was delivered' });
      blockedAt = null;
    } else events.push({ time, kind: 'send', title: SEND_WORDS[outcome] ?? `Send API answered ${outcome}`, detail });
  }
  if (blockedAt && inboundAt && inboundAt > blockedAt)
    events.push({ time: inboundAt, kind: 'unblock', title: 'Reachable again: they wrote to the page' });
  return events;
}

/** Everything known to have happened to a contact, oldest first. */
export function timelineEvents(contact: ContactDetail): TimelineEvent[] {
  const touches: TimelineEvent[] = contact.touches.map((t) => ({
    time: t.time,
    kind: 'touch',
    title: t.opensThread ? `Started the conversation from ${touchOrigin(t)}` : `Came back from ${touchOrigin(t)}`,
  }));
  const conversions: TimelineEvent[] = contact.conversionsList.map((c) => ({
    time: c.time,
    kind: 'conversion',
    title: `Converted: ${c.event}${c.value !== null && c.currency ? `, ${formatMoney(c.value, c.currency)}` : ''}`,
    detail: c.creditedSource ? `Credited to ${sourceLabel(c.creditedSource)}` : 'Not credited to a source',
  }));
  const last: TimelineEvent[] = contact.lastInboundAt
    ? [{ time: contact.lastInboundAt, kind: 'message', title: 'Their last message to the page' }]
    : [];
  return [...touches, ...conversions, ...sendEvents(contact.sendOutcomes, contact.lastInboundAt), ...last].sort(
    (a, b) => a.time.localeCompare(b.time),
  );
}

/** A moment in the user's locale and time zone, e.g. "Nov 12, 2026, 8:54 AM". */
export const formatMoment = (iso: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** A moment for a table cell: "Nov 12, 8:54 AM", with the year only when it is not this one. */
export function formatShortMoment(iso: string, locale?: string, now = new Date()): string {
  const date = new Date(iso);
  const year = date.getFullYear() === now.getFullYear() ? undefined : 'numeric';
  return new Intl.DateTimeFormat(locale, {
    year,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
