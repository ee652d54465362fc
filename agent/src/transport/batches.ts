import { maxPayloadBytes, protocolVersion } from '@linewatch/shared';
import type { OutboxItem } from '../outbox/outbox.js';

/** Samples per published batch: small enough to re-send a day of backlog in steady steps. */
export const maxItemsPerBatch = 100;

/** One MQTT message: a `MeasurementBatch` or an `EventBatch`, already serialised. */
export interface Batch {
  topic: 'measurements' | 'events';
  payload: string;
  items: OutboxItem[];
}

const topicOf = { measurement: 'measurements', event: 'events' } as const satisfies Record<
  OutboxItem['kind'],
  Batch['topic']
>;

/**
 * The first batch of samples that are due, oldest first: the leading run of
 * one kind, at most `maxItems` samples and `maxBytes` bytes (the server
 * refuses bigger payloads). A single sample always makes a batch.
 *
 * @returns null when nothing is due.
 */
export function firstBatch(
  due: readonly OutboxItem[],
  limits: { maxItems?: number; maxBytes?: number } = {},
): Batch | null {
  const first = due[0];
  if (!first) return null;
  const maxItems = limits.maxItems ?? maxItemsPerBatch;
  const maxBytes = limits.maxBytes ?? maxPayloadBytes;
  const topic = topicOf[first.kind];
  const head = `{"v":${protocolVersion},"type":"${topic}","items":[`;
  const tail = ']}';
  const items: OutboxItem[] = [];
  const parts: string[] = [];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (const item of due) {
    if (item.kind !== first.kind || items.length >= maxItems) break;
    const json = JSON.stringify(item.sample);
    const size = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
    if (items.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    items.push(item);
    parts.push(json);
  }
  return { topic, payload: `${head}${parts.join(',')}${tail}`, items };
}
