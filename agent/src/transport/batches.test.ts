import { EventBatch, type Measurement, MeasurementBatch } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../outbox/outbox.js';
import { firstBatch, ReplayPace } from './batches.js';

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

  it('marks backlog batches as replay, so the server does not take their verdicts as current', () => {
    const replayed = MeasurementBatch.parse(
      JSON.parse(firstBatch([measurement(1)], { replay: true })?.payload ?? ''),
    );
    expect(replayed.replay).toBe(true);
    const live = MeasurementBatch.parse(JSON.parse(firstBatch([measurement(1)])?.payload ?? ''));
    expect(live.replay).toBeUndefined();
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

  it('tells the server how many samples wait in the outbox', () => {
    const batch = firstBatch([measurement(1)], { backlog: 240, replay: true });
    expect(JSON.parse(batch?.payload ?? '')).toMatchObject({ replay: true, backlog: 240 });
    expect(MeasurementBatch.parse(JSON.parse(batch?.payload ?? '')).backlog).toBe(240);
  });

  it('uses the JSON the outbox stored as it is', () => {
    const stored = { ...measurement(1), json: '{"stored":true}' };
    expect(firstBatch([stored])?.payload).toBe('{"v":1,"type":"measurements","items":[{"stored":true}]}');
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

describe('ReplayPace', () => {
  it('lets the first batch go at once, then one per interval', () => {
    const pace = new ReplayPace(2, 100);
    expect(pace.waitMs(1000)).toBe(0);
    pace.sent(1000, 100);
    expect(pace.waitMs(1000)).toBe(500);
    expect(pace.waitMs(1300)).toBe(200);
    expect(pace.waitMs(1500)).toBe(0);
    pace.sent(1500, 100);
    expect(pace.waitMs(1500)).toBe(500);
  });

  it('charges a short batch its share only', () => {
    const pace = new ReplayPace(2, 100);
    pace.sent(0, 1);
    expect(pace.waitMs(0)).toBe(5);
    pace.sent(5, 10);
    expect(pace.waitMs(5)).toBe(50);
  });

  it('saves nothing up during a pause', () => {
    const pace = new ReplayPace(2, 100);
    pace.sent(0, 100);
    expect(pace.waitMs(60_000)).toBe(0);
    pace.sent(60_000, 100);
    expect(pace.waitMs(60_000)).toBe(500);
  });

  it('holds the rate over many batches', () => {
    const pace = new ReplayPace(4, 10);
    let sent = 0;
    // A sender that asks every 10 ms for 10 s, with full and short batches.
    for (let now = 0; now < 10_000; now += 10) {
      if (pace.waitMs(now) === 0) {
        const size = sent % 3 === 0 ? 10 : 5;
        pace.sent(now, size);
        sent += size;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(395);
    expect(sent).toBeLessThanOrEqual(405);
  });

  it('refuses a pace that is not positive', () => {
    expect(() => new ReplayPace(0, 100)).toThrow(RangeError);
    expect(() => new ReplayPace(2, 0)).toThrow(RangeError);
  });
});
