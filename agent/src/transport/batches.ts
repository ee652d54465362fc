import { maxPayloadBytes, protocolVersion } from '@linewatch/shared';
import type { OutboxItem, QueuedItem } from '../outbox/outbox.js';

/** Samples per published batch: small enough to re-send a day of backlog in steady steps. */
export const maxItemsPerBatch = 100;

/** What a batch is made of: samples, or samples as the outbox stored them (JSON). */
export type Batchable = OutboxItem | Pick<QueuedItem, 'kind' | 'json'>;

/** One MQTT message: a `MeasurementBatch` or an `EventBatch`, already serialised. */
export interface Batch<T extends Batchable = Batchable> {
  topic: 'measurements' | 'events';
  payload: string;
  items: T[];
}

const topicOf = { measurement: 'measurements', event: 'events' } as const satisfies Record<
  OutboxItem['kind'],
  Batch['topic']
>;

/**
 * The first batch of samples that are due, oldest first: the leading run of
 * one kind, at most `maxItems` samples and `maxBytes` bytes (the server
 * refuses bigger payloads). A single sample always makes a batch. An item's
 * `json`, as the outbox stored it, is used as is rather than serialised again.
 * `backlog`: samples waiting in the outbox, this batch included (the server shows it).
 *
 * @returns null when nothing is due.
 */
export function firstBatch<T extends Batchable>(
  due: readonly T[],
  limits: { maxItems?: number; maxBytes?: number; replay?: boolean; backlog?: number } = {},
): Batch<T> | null {
  const first = due[0];
  if (!first) return null;
  const maxItems = limits.maxItems ?? maxItemsPerBatch;
  const maxBytes = limits.maxBytes ?? maxPayloadBytes;
  const topic = topicOf[first.kind];
  const backlog = limits.backlog === undefined ? '' : `"backlog":${Math.max(0, Math.trunc(limits.backlog))},`;
  const head = `{"v":${protocolVersion},"type":"${topic}",${limits.replay ? '"replay":true,' : ''}${backlog}"items":[`;
  const tail = ']}';
  const items: T[] = [];
  const parts: string[] = [];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (const item of due) {
    if (item.kind !== first.kind || items.length >= maxItems) break;
    const json = 'json' in item ? item.json : JSON.stringify(item.sample);
    const size = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
    if (items.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    items.push(item);
    parts.push(json);
  }
  return { topic, payload: `${head}${parts.join(',')}${tail}`, items };
}

/**
 * Paces the backlog sent after a reconnect, on the monotonic clock: at most
 * `batchesPerSecond` full batches of `batchSize` samples, i.e. a budget in
 * samples a second. A shorter batch (the backlog alternates measurements
 * and events, and each kind is a batch of its own) costs only its share, so
 * a small backlog is not slowed down by its event batches. Nothing is saved
 * up: after a pause the next batch may go at once, the one after that when
 * the first is paid for. Live samples are not paced (the sender sends them
 * first).
 *
 * @example
 * const pace = new ReplayPace(2, 100); // 200 samples a second
 * pace.waitMs(0)     // 0
 * pace.sent(0, 100);
 * pace.waitMs(100)   // 400
 * pace.sent(500, 10);
 * pace.waitMs(500)   // 50
 */
export class ReplayPace {
  readonly #msPerSample: number;
  #nextMs = Number.NEGATIVE_INFINITY;

  constructor(batchesPerSecond: number, batchSize: number) {
    if (!(batchesPerSecond > 0 && batchSize > 0)) {
      throw new RangeError(`the pace must be positive: ${batchesPerSecond} × ${batchSize}`);
    }
    this.#msPerSample = 1000 / (batchesPerSecond * batchSize);
  }

  /** Milliseconds until the next backlog batch may go out; 0: now. */
  waitMs(nowMs: number): number {
    return Math.max(0, this.#nextMs - nowMs);
  }

  /** Records a backlog batch of `samples` sent at `nowMs`. */
  sent(nowMs: number, samples: number): void {
    this.#nextMs = Math.max(nowMs, this.#nextMs) + samples * this.#msPerSample;
  }
}
