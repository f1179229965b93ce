import type { Window } from './paging.js';

type Entry<T> = { iter: Iterator<T>; nextIndex: number; lookahead: IteratorResult<T> | undefined };

/**
 * Pages a stream without materialising it: a client that follows `paging.next` continues the same
 * iterator, so reading N rows costs O(N); a jump backwards reopens the stream and skips.
 */
export class StreamPager<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 16) {}

  take(key: string, open: () => Iterable<T>, win: Window): { rows: T[]; hasNext: boolean } {
    let entry = this.entries.get(key);
    if (!entry || entry.nextIndex > win.offset)
      entry = { iter: open()[Symbol.iterator](), nextIndex: 0, lookahead: undefined };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict();
    while (entry.nextIndex < win.offset && !pull(entry).done) entry.nextIndex++;
    const rows: T[] = [];
    while (rows.length < win.limit) {
      const next = pull(entry);
      if (next.done) return { rows, hasNext: false };
      rows.push(next.value);
      entry.nextIndex++;
    }
    entry.lookahead = entry.iter.next();
    return { rows, hasNext: !entry.lookahead.done };
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}

function pull<T>(entry: Entry<T>): IteratorResult<T> {
  const ahead = entry.lookahead;
  entry.lookahead = undefined;
  return ahead ?? entry.iter.next();
}
