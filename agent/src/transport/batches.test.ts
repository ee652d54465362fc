import { EventBatch, type Measurement, MeasurementBatch } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../outbox/outbox.js';
import { firstBatch } from './batches.js';

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
const meta = (seq: number) => ({
  bootId,
  seq,
  t: '2025-01-01T00:00:00.000Z',
  monoMs: seq * 10_000,
  clockSynced: true,
});

function measurement(seq: number): OutboxItem {
  const sample: Measurement = {
    ...meta(seq),
    gateway: { address: '192.168.178.1', interface: 'eth0', reachable: true, rttMs: 0.5, error: null },
    targets: [],
    diagnosis: { status: 'up', cause: null },
  };
  return { kind: 'measurement', sample };
}
const event = (seq: number): OutboxItem => ({
  kind: 'event',
  sample: { ...meta(seq), kind: 'agent_started', data: {} },
});

describe('firstBatch', () => {
  it('is null when nothing is due', () => {
    expect(firstBatch([])).toBeNull();
  });

  it('makes a valid MeasurementBatch of the leading measurements', () => {
    const batch = firstBatch([measurement(1), measurement(2), event(3), measurement(4)]);
    expect(batch?.topic).toBe('measurements');
    expect(batch?.items.map((i) => i.sample.seq)).toEqual([1, 2]);
    const parsed = MeasurementBatch.parse(JSON.parse(batch?.payload ?? ''));
    expect(parsed.items.map((i) => i.seq)).toEqual([1, 2]);
  });

  it('makes a valid EventBatch', () => {
    const batch = firstBatch([event(1), measurement(2)]);
    expect(batch?.topic).toBe('events');
    expect(EventBatch.parse(JSON.parse(batch?.payload ?? '')).items).toHaveLength(1);
  });

  it('serialises exactly as JSON.stringify would', () => {
    const items = [measurement(1), measurement(2)];
    const batch = firstBatch(items);
    expect(batch?.payload).toBe(
      JSON.stringify({ v: 1, type: 'measurements', items: items.map((i) => i.sample) }),
    );
  });

  it('holds at most 100 samples', () => {
    const due = Array.from({ length: 250 }, (_, i) => measurement(i));
    expect(firstBatch(due)?.items).toHaveLength(100);
  });

  it('stays under the byte limit but always takes one sample', () => {
    const due = Array.from({ length: 10 }, (_, i) => measurement(i));
    const one = Buffer.byteLength(firstBatch(due, { maxItems: 1 })?.payload ?? '');
    const batch = firstBatch(due, { maxBytes: one * 3 });
    expect(Buffer.byteLength(batch?.payload ?? '')).toBeLessThanOrEqual(one * 3);
    expect(batch?.items.length).toBeGreaterThanOrEqual(3);
    expect(firstBatch(due, { maxBytes: 10 })?.items).toHaveLength(1);
  });
});
