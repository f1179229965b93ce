import type { Structure } from './model.js';
import { buildReturnsIndex, type ReturnsIndex } from './returns.js';
import type { SizeSpec } from './sizes.js';
import { buildStreams, type Stream } from './streams.js';

/** A page's arrival streams by role, for picking where a returning person comes back through. */
export type PageStreams = { ads: Stream[]; links: Stream[]; all: Stream[] };

/** The world's static model plus lookups, shared by events, insights, truth and person state. */
export class SimWorld {
  readonly streams: Stream[];
  readonly streamsByPage: PageStreams[];
  private readonly adStreamById = new Map<string, Stream>();
  private returnsIndex: ReturnsIndex | undefined;

  constructor(
    readonly structure: Structure,
    readonly spec: SizeSpec,
  ) {
    this.streams = buildStreams(structure, spec);
    this.streamsByPage = structure.pages.map(() => ({ ads: [], links: [], all: [] }));
    for (const stream of this.streams) {
      const page = this.streamsByPage[stream.page.index];
      page?.all.push(stream);
      if (stream.kind === 'ad') page?.ads.push(stream);
      if (stream.kind === 'link' || stream.kind === 'qr') page?.links.push(stream);
      if (stream.ad) this.adStreamById.set(stream.ad.ad.id, stream);
    }
  }

  /** Built on first use: who comes back, where and when (needed by insights and events). */
  returns(): ReturnsIndex {
    this.returnsIndex ??= buildReturnsIndex(this);
    return this.returnsIndex;
  }

  adStream(adId: string): Stream | undefined {
    return this.adStreamById.get(adId);
  }

  /** Shops report orders in the currency of the account that advertises the page. */
  pageCurrency(pageIndex: number): string {
    const accounts = this.structure.accounts;
    return accounts[pageIndex % accounts.length]?.account.currency ?? 'USD';
  }

  /** Day numbers a stream can have arrivals on (local days overlapping the world). */
  dayRange(): { first: number; last: number } {
    return { first: this.structure.startDay - 1, last: this.structure.endDay + 1 };
  }
}
