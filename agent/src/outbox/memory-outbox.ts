import { type Outbox, type OutboxItem, sampleKey } from './outbox.js';

/** Samples kept while the line is down: 10,000 × 10 s is more than a day. */
export const defaultOutboxCapacity = 10_000;

interface Entry {
  item: OutboxItem;
  sentOn: number | null;
  sentAtMs: number;
}

/**
 * An {@link Outbox} in memory, bounded: past `capacity` the oldest sample is
 * dropped and counted. A Map keeps insertion order, which is sample order.
 *
 * @example
 * const outbox = new MemoryOutbox();
 * outbox.add({ kind: 'measurement', sample });
 * outbox.ack(sample.bootId, [sample.seq]); // 1
 */
export class MemoryOutbox implements Outbox {
  readonly #entries = new Map<string, Entry>();
  readonly #capacity: number;
  #dropped = 0;

  constructor(capacity = defaultOutboxCapacity) {
    this.#capacity = capacity;
  }

  add(item: OutboxItem): void {
    this.#entries.set(sampleKey(item), { item, sentOn: null, sentAtMs: 0 });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
      this.#dropped++;
    }
  }

  ack(bootId: string, seqs: readonly number[]): number {
    let removed = 0;
    for (const seq of seqs) if (this.#entries.delete(`${bootId}/${seq}`)) removed++;
    return removed;
  }

  due(connection: number, staleBeforeMs: number, limit: number): OutboxItem[] {
    const due: OutboxItem[] = [];
    for (const entry of this.#entries.values()) {
      if (due.length >= limit) break;
      if (entry.sentOn !== connection || entry.sentAtMs < staleBeforeMs) due.push(entry.item);
    }
    return due;
  }

  markSent(items: readonly OutboxItem[], connection: number, atMs: number): void {
    for (const item of items) {
      const entry = this.#entries.get(sampleKey(item));
      if (entry) {
        entry.sentOn = connection;
        entry.sentAtMs = atMs;
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  takeDropped(): number {
    const dropped = this.#dropped;
    this.#dropped = 0;
    return dropped;
  }
}
