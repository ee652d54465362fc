import { describe, expect, it } from 'vitest';
import { counterIncrease, lineSteps } from './counters.js';
import { minuteMs, reading } from './fixtures.js';

describe('counterIncrease', () => {
  it.each([
    { before: 100, after: 130, expected: { increase: 30, reset: false } },
    { before: 100, after: 100, expected: { increase: 0, reset: false } },
    // reset: all it shows now is new
    { before: 100, after: 7, expected: { increase: 7, reset: true } },
    { before: 100, after: 0, expected: { increase: 0, reset: true } },
    { before: null, after: 7, expected: null },
    { before: 7, after: null, expected: null },
  ])('$before → $after', ({ before, after, expected }) => {
    expect(counterIncrease(before, after)).toEqual(expected);
  });
});

describe('lineSteps', () => {
  const t0 = Date.UTC(2026, 0, 10);
  const at = (i: number) => t0 + i * 10 * minuteMs;
  const up = (i: number) => 100_000 + i * 600;

  it.each([
    {
      name: 'steady counters: errors counted, no resync',
      series: [reading(at(0), { crcErrors: 10 }), reading(at(1), { crcErrors: 25 })],
      expected: [null, { crc: 15, resyncs: 0, rebooted: false }],
    },
    {
      name: 'link retrain counter grew by 2: two resyncs',
      series: [reading(at(0), { linkRetrains: 1 }), reading(at(1), { linkRetrains: 3 })],
      expected: [null, { crc: 0, resyncs: 2, rebooted: false }],
    },
    {
      name: 'CRC counter fell back without a reboot: a resync restarted the counters',
      series: [
        reading(at(0), { crcErrors: 500, routerUptimeSeconds: up(0) }),
        reading(at(1), { crcErrors: 3, routerUptimeSeconds: up(1) }),
      ],
      expected: [null, { crc: 3, resyncs: 1, rebooted: false }],
    },
    {
      name: 'router rebooted: counters restart, but that is no line resync',
      series: [
        reading(at(0), { crcErrors: 500, linkRetrains: 4, routerUptimeSeconds: up(0) }),
        reading(at(1), { crcErrors: 3, linkRetrains: 0, routerUptimeSeconds: 120 }),
      ],
      expected: [null, { crc: 3, resyncs: 0, rebooted: true }],
    },
    {
      name: 'sync rate changed by 5 %: a resync',
      series: [reading(at(0), { downCurrentKbps: 100_000 }), reading(at(1), { downCurrentKbps: 95_000 })],
      expected: [null, { crc: 0, resyncs: 1, rebooted: false }],
    },
    {
      name: 'sync rate wobbling by 0.5 % (rate adaptation) is no resync',
      series: [reading(at(0), { downCurrentKbps: 100_000 }), reading(at(1), { downCurrentKbps: 100_500 })],
      expected: [null, { crc: 0, resyncs: 0, rebooted: false }],
    },
    {
      name: 'a round without router figures lengthens the next step',
      series: [
        reading(at(0), { crcErrors: 10 }),
        reading(at(1), {
          crcErrors: null,
          linkRetrains: null,
          downCurrentKbps: null,
          routerUptimeSeconds: null,
        }),
        reading(at(2), { crcErrors: 40 }),
      ],
      expected: [null, null, { crc: 30, resyncs: 0, rebooted: false, overMs: 20 * minuteMs }],
    },
  ])('$name', ({ series, expected }) => {
    const steps = lineSteps(series, 2);
    expect(
      steps.map((s, i) => {
        const e = expected[i];
        if (!e) return s.crc === null ? null : 'unexpected step';
        return {
          crc: s.crc?.increase,
          resyncs: s.resyncs,
          rebooted: s.routerRebooted,
          ...('overMs' in e ? { overMs: s.crc?.overMs } : {}),
        };
      }),
    ).toEqual(expected);
  });
});
