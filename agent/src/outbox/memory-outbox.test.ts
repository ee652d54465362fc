import type { AgentEvent } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from './memory-outbox.js';
import type { OutboxItem } from './outbox.js';

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';

function item(seq: number, id = bootId): OutboxItem {
  const sample: AgentEvent = {
    bootId: id,
    seq,
    t: '2025-01-01T00:00:00.000Z',
    monoMs: seq,
    clockSynced: true,
    kind: 'agent_started',
    data: {},
  };
  return { kind: 'event', sample };
}
const seqs = (items: OutboxItem[]) => items.map((i) => i.sample.seq);

describe('MemoryOutbox', () => {
  it('keeps samples until they are acknowledged', () => {
    const outbox = new MemoryOutbox();
    for (const seq of [1, 2, 3]) outbox.add(item(seq));
    expect(outbox.ack(bootId, [1, 3, 99])).toBe(2);
    expect(seqs(outbox.due(1, 0, 100))).toEqual([2]);
    expect(outbox.size).toBe(1);
  });

  it('ignores acknowledgements of another boot', () => {
    const outbox = new MemoryOutbox();
    outbox.add(item(1));
    expect(outbox.ack('7d2e4c1f-2222-4333-8444-555566667777', [1])).toBe(0);
    expect(outbox.size).toBe(1);
  });

  it('drops the oldest when full and counts it', () => {
    const outbox = new MemoryOutbox(3);
    for (const seq of [1, 2, 3, 4, 5]) outbox.add(item(seq));
    expect(seqs(outbox.due(1, 0, 100))).toEqual([3, 4, 5]);
    expect(outbox.takeDropped()).toBe(2);
    expect(outbox.takeDropped()).toBe(0);
  });

  it('hands out samples oldest first, up to a limit', () => {
    const outbox = new MemoryOutbox();
    for (const seq of [5, 6, 7, 8]) outbox.add(item(seq));
    expect(seqs(outbox.due(1, 0, 3))).toEqual([5, 6, 7]);
  });

  it('sends each sample once per connection, again on the next', () => {
    const outbox = new MemoryOutbox();
    for (const seq of [1, 2]) outbox.add(item(seq));
    outbox.markSent(outbox.due(1, 0, 100), 1, 1000);
    outbox.add(item(3));
    expect(seqs(outbox.due(1, 0, 100))).toEqual([3]);
    expect(seqs(outbox.due(2, 0, 100))).toEqual([1, 2, 3]);
  });

  it('sends again what stayed unacknowledged too long', () => {
    const outbox = new MemoryOutbox();
    outbox.add(item(1));
    outbox.markSent(outbox.due(1, 0, 100), 1, 1000);
    expect(outbox.due(1, 1000, 100)).toEqual([]);
    expect(seqs(outbox.due(1, 1001, 100))).toEqual([1]);
  });
});
