import type { Measurement } from '@linewatch/shared';
import type { OutboxItem } from '../outbox.js';

/** Test fixtures: small valid samples. */

export const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
export const otherBootId = '7d2e4c1f-2222-4333-8444-555566667777';

const meta = (seq: number, boot: string) => ({
  bootId: boot,
  seq,
  t: '2025-01-01T00:00:00.000Z',
  monoMs: seq * 10_000,
  clockSynced: true,
});

/** A measurement of a line that is up; `pad` (up to 6,000) adds that many characters of evidence. */
export function measurement(seq: number, options: { boot?: string; pad?: number } = {}): OutboxItem {
  const sample: Measurement = {
    ...meta(seq, options.boot ?? bootId),
    gateway: { address: '192.168.178.1', interface: 'eth0', reachable: true, rttMs: 0.5, error: null },
    targets: [],
    diagnosis: { status: 'up', cause: null, evidence: evidence(options.pad ?? 0) },
  };
  return { kind: 'measurement', sample };
}

/** Lines of at most 300 characters, as the schema allows. */
function evidence(chars: number): string[] {
  return Array.from({ length: Math.ceil(chars / 300) }, (_, i) => 'x'.repeat(Math.min(300, chars - i * 300)));
}

export function event(
  seq: number,
  options: { boot?: string; data?: Record<string, unknown> } = {},
): OutboxItem {
  return {
    kind: 'event',
    sample: { ...meta(seq, options.boot ?? bootId), kind: 'agent_started', data: options.data ?? {} },
  };
}

/** The JSON size the outbox counts for an item. */
export const bytesOf = (item: OutboxItem) => Buffer.byteLength(JSON.stringify(item.sample));

/** The sequence numbers of samples, or of items as the outbox hands them out. */
export const seqs = (items: readonly (OutboxItem | { seq: number })[]) =>
  items.map((i) => ('sample' in i ? i.sample.seq : i.seq));
