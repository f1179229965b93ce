import type { MessagingEvent, World, WorldEvent } from '../types.js';

/** One person's thread with a page, summarised from the world's events. */
export type Thread = {
  psid: string;
  first: number;
  last: number;
  messageCount: number;
};

const DAY = 86_400_000;

/** The world's time span: its events lie in the 400 days before the end of `endDate` (large is 365 days). */
export function worldSpan(world: World): { from: number; to: number } {
  const to = Date.parse(`${world.options.endDate}T00:00:00Z`) + DAY;
  return { from: to - 400 * DAY, to };
}

export const isMessage = (e: MessagingEvent): boolean => typeof e['message'] === 'object' && e['message'] !== null;
const isEcho = (e: MessagingEvent): boolean => isMessage(e) && (e['message'] as { is_echo?: boolean }).is_echo === true;

/** The person in a thread: the sender, or the recipient of the page's own (echo) messages. */
export const personOf = (w: WorldEvent): string | undefined =>
  isEcho(w.event) ? w.event.recipient.id : w.event.sender?.id;

/** Threads of one page, built on first use and cached for the conversations edge. */
export class ThreadIndex {
  private readonly byPage = new Map<string, Map<string, Thread>>();
  private readonly messagesByPage = new Map<string, Map<string, WorldEvent[]>>();

  constructor(private readonly world: World) {}

  threads(pageId: string): Map<string, Thread> {
    let threads = this.byPage.get(pageId);
    if (!threads) this.byPage.set(pageId, (threads = this.build(pageId)));
    return threads;
  }

  /**
   * The thread's messages, oldest first. The page's messages are indexed by person on first use:
   * one scan of the world instead of one per thread (a backfill reads every thread).
   */
  messages(pageId: string, psid: string): Iterable<WorldEvent> {
    let byPerson = this.messagesByPage.get(pageId);
    if (!byPerson) this.messagesByPage.set(pageId, (byPerson = this.indexMessages(pageId)));
    return byPerson.get(psid) ?? [];
  }

  private indexMessages(pageId: string): Map<string, WorldEvent[]> {
    const byPerson = new Map<string, WorldEvent[]>();
    const { from, to } = worldSpan(this.world);
    for (const w of this.world.events(from, to)) {
      const psid = w.pageId === pageId && isMessage(w.event) ? personOf(w) : undefined;
      if (!psid) continue;
      let list = byPerson.get(psid);
      if (!list) byPerson.set(psid, (list = []));
      list.push(w);
    }
    return byPerson;
  }

  private build(pageId: string): Map<string, Thread> {
    const threads = new Map<string, Thread>();
    const { from, to } = worldSpan(this.world);
    for (const w of this.world.events(from, to)) {
      const psid = w.pageId === pageId ? personOf(w) : undefined;
      if (!psid) continue;
      let thread = threads.get(psid);
      if (!thread) threads.set(psid, (thread = { psid, first: w.time, last: w.time, messageCount: 0 }));
      thread.last = w.time;
      if (isMessage(w.event)) thread.messageCount++;
    }
    return threads;
  }
}
