import type { Stream } from './outbox.js';

/** Positions `first`..`last` of one stream, sent together at `atMs`. */
export interface SentSpan {
  first: number;
  last: number;
  atMs: number;
}

/** Positions `after` < p ≤ `through` of a stream not yet sent on this connection. */
export interface FreshRange {
  after: number;
  through: number;
}

/**
 * What went out on the current connection, in a few numbers per batch
 * instead of a mark per sample (a backlog can hold 100,000 samples; the
 * agent's memory budget is 60 MB).
 *
 * It relies on how the outbox is read: each stream is sent in position
 * order, a batch being the oldest unsent samples of its stream. So per
 * stream, 1. a cursor says "everything up to here was sent", and 2. each
 * batch leaves one span (first, last, time); spans do not overlap and,
 * kept in the order they were sent, the stalest is always the first.
 * Acknowledged samples need no bookkeeping here: they are gone from the
 * store, and a span whose samples are all gone is dropped once it is stale.
 *
 * @example
 * const log = new SentLog();
 * log.start(1, 500);            // positions ≤ 500 are backlog
 * log.fresh('backlog')          // { after: 0, through: 500 }
 * log.record('backlog', 1, 100, 1000);
 * log.fresh('backlog')          // { after: 100, through: 500 }
 */
export class SentLog {
  #connection = 0;
  #boundary = 0;
  #cursor: Record<Stream, number> = { live: 0, backlog: 0 };
  #spans: Record<Stream, SentSpan[]> = { live: [], backlog: [] };

  /** The connection being logged; 0 before the first. */
  get connection(): number {
    return this.#connection;
  }

  /** Forgets everything sent: positions up to `head` are backlog now, later ones live. */
  start(connection: number, head: number): void {
    this.#connection = connection;
    this.#boundary = head;
    this.#cursor = { live: head, backlog: 0 };
    this.#spans = { live: [], backlog: [] };
  }

  streamOf(position: number): Stream {
    return position > this.#boundary ? 'live' : 'backlog';
  }

  /** Where the unsent samples of a stream are. */
  fresh(stream: Stream): FreshRange {
    const through = stream === 'live' ? Number.MAX_SAFE_INTEGER : this.#boundary;
    return { after: this.#cursor[stream], through };
  }

  /** The stalest span of a stream if it was sent before `staleBeforeMs`. */
  stale(stream: Stream, staleBeforeMs: number): SentSpan | null {
    const first = this.#spans[stream][0];
    return first && first.atMs < staleBeforeMs ? first : null;
  }

  /** Drops the stalest span of a stream (its samples are all acknowledged or dropped). */
  dropStale(stream: Stream): void {
    this.#spans[stream].shift();
  }

  /**
   * Records that positions `first`..`last` of a stream went out at `atMs`:
   * either the next unsent ones (the cursor moves on), or the leading part
   * of the stalest span, sent again (that part moves to the back).
   */
  record(stream: Stream, first: number, last: number, atMs: number): void {
    const spans = this.#spans[stream];
    if (last > this.#cursor[stream]) {
      this.#cursor[stream] = last;
      spans.push({ first, last, atMs });
      return;
    }
    const stalest = spans[0];
    if (!stalest || first < stalest.first || last > stalest.last) {
      // Not how the outbox is read; keep it conservative: the span is sent
      // again when stale, which costs bandwidth, never a sample.
      spans.push({ first, last, atMs });
      return;
    }
    spans.shift();
    if (last < stalest.last) spans.unshift({ ...stalest, first: last + 1 });
    spans.push({ first: stalest.first, last, atMs });
  }
}
