import { describe, expect, it } from 'vitest';
import { dayMs, defaultTrendConfig, hourMs } from './config.js';
import { lineSteps } from './counters.js';
import { minuteMs, readings } from './fixtures.js';
import { crcFindings, resyncFindings } from './line-errors.js';
import type { DslReading } from './readings.js';

const now = Date.UTC(2026, 5, 15, 12);
const from = now - 8 * dayMs;
const lastDay = now - dayMs;

/**
 * 8 days of 10-minute readings whose CRC counter grows `before` per hour
 * until a day ago and `after` per hour since; the counter restarts from 0
 * every `resetEveryHours` (with a router reboot when `reboot`).
 */
function crcSeries(
  before: number,
  after: number,
  opts: { resetEveryHours?: number; gap?: (t: number) => boolean } = {},
): DslReading[] {
  let counter = 0;
  let bootAt = from - hourMs;
  return readings(from, now + 1, 10 * minuteMs, (t, i) => {
    if (i > 0) counter += ((t <= lastDay ? before : after) * 10) / 60;
    if (opts.resetEveryHours && i > 0 && i % (opts.resetEveryHours * 6) === 0) {
      counter = ((t <= lastDay ? before : after) * 10) / 60;
      bootAt = t - 5 * minuteMs;
    }
    if (opts.gap?.(t)) return null;
    return { crcErrors: Math.round(counter), routerUptimeSeconds: Math.floor((t - bootAt) / 1000) };
  });
}

describe('crcFindings', () => {
  it.each([
    { name: 'a steady 5 per hour gives nothing', series: crcSeries(5, 5), expected: [] },
    { name: 'doubling from 10 to 20 per hour gives nothing', series: crcSeries(10, 20), expected: [] },
    {
      name: '5 → 40 per hour multiplies the baseline: info',
      series: crcSeries(5, 40),
      expected: [{ severity: 'info', recentPerHour: 40, baselinePerHour: 5 }],
    },
    {
      name: '300 per hour is a warning whatever the baseline',
      series: crcSeries(250, 300),
      expected: [{ severity: 'warning', recentPerHour: 300, baselinePerHour: 250 }],
    },
    {
      name: 'router reboots every 6 h restart the counter: no false spike',
      series: crcSeries(5, 5, { resetEveryHours: 6 }),
      expected: [],
    },
    {
      name: 'counter resets while errors rise still show the rise',
      series: crcSeries(5, 60, { resetEveryHours: 6 }),
      expected: [{ severity: 'info' }],
    },
    {
      name: 'a 20 h gap in the last day: the counter still tells the rate across it',
      series: crcSeries(5, 400, { gap: (t) => t > lastDay && t < now - 4 * hourMs }),
      expected: [{ severity: 'warning', recentPerHour: 400 }],
    },
    {
      name: 'a new site with 3 h of readings: too short to judge',
      series: crcSeries(400, 400, { gap: (t) => t < now - 3 * hourMs }),
      expected: [],
    },
    {
      name: 'no data in the last day: nothing to judge',
      series: crcSeries(5, 400, { gap: (t) => t > lastDay }),
      expected: [],
    },
  ])('$name', ({ series, expected }) => {
    const found = crcFindings(lineSteps(series, 2), now, defaultTrendConfig.crc);
    expect(found).toHaveLength(expected.length);
    found.forEach((f, i) => {
      const { severity, ...evidence } = expected[i] as { severity: string };
      expect(f.kind).toBe('crc_errors_rising');
      expect(f.severity).toBe(severity);
      for (const [k, v] of Object.entries(evidence)) expect(f.evidence[k]).toBeCloseTo(v as number, 0);
    });
  });
});

describe('resyncFindings', () => {
  /** A day of 10-minute readings with `n` resyncs, each seen as the retrain counter going up. */
  const withRetrains = (n: number, opts: { reboot?: boolean } = {}) => {
    let retrains = 0;
    let bootAt = now - 30 * dayMs;
    return readings(now - dayMs + minuteMs, now + 1, 10 * minuteMs, (t, i) => {
      const event = i > 0 && i % Math.floor(144 / (n + 1)) === 0 && retrains < n;
      if (event && opts.reboot) bootAt = t - minuteMs;
      if (event) retrains++;
      return {
        linkRetrains: opts.reboot ? 0 : retrains,
        routerUptimeSeconds: Math.floor((t - bootAt) / 1000),
      };
    });
  };

  it.each([
    { name: 'no resync', series: withRetrains(0), expected: null },
    { name: '3 resyncs a day are tolerated', series: withRetrains(3), expected: null },
    { name: '5 resyncs a day: warning', series: withRetrains(5), expected: 5 },
    {
      name: '5 router reboots are no line resyncs',
      series: withRetrains(5, { reboot: true }),
      expected: null,
    },
    {
      name: 'resyncs seen only as sync-rate changes',
      series: readings(now - dayMs + minuteMs, now + 1, 10 * minuteMs, (_t, i) => ({
        downCurrentKbps: Math.floor(i / 20) % 2 ? 90_000 : 100_000,
      })),
      expected: 7,
    },
  ])('$name', ({ series, expected }) => {
    const found = resyncFindings(lineSteps(series, 2), now, defaultTrendConfig.resyncs);
    if (expected === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        kind: 'resyncs_frequent',
        severity: 'warning',
        evidence: { resyncs: expected },
      });
    }
  });
});
