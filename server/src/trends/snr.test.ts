import { describe, expect, it } from 'vitest';
import { dayMs, defaultTrendConfig, hourMs } from './config.js';
import { minuteMs, readings } from './fixtures.js';
import type { DslReading } from './readings.js';
import { snrFindings } from './snr.js';

const now = Date.UTC(2026, 5, 15, 12);
const weekAgo = now - 8 * dayMs;
const lastDay = now - dayMs;
/** Margin swinging ±1 dB over the day, as evening crosstalk makes it. */
const swing = (t: number) => Math.sin((2 * Math.PI * (t % dayMs)) / dayMs);

/** 8 days of 10-minute readings: `before` dB until a day ago, `after` dB since. */
const week = (before: number, after: number, over: (t: number) => Partial<DslReading> | null = () => ({})) =>
  readings(weekAgo, now + 1, 10 * minuteMs, (t) => {
    const o = over(t);
    return o && { downSnrMarginDb: (t < lastDay ? before : after) + swing(t), ...o };
  });

const cases: {
  name: string;
  series: DslReading[];
  expected: { kind: string; severity: string }[];
}[] = [
  { name: 'a fine line at 10 dB gives nothing', series: week(10, 10), expected: [] },
  { name: 'a drop of 2.5 dB is within the noise', series: week(10, 7.5), expected: [] },
  {
    name: 'a drop of 3.5 dB to 6.5 dB is falling, not yet low',
    series: week(10, 6.5),
    expected: [{ kind: 'snr_margin_falling', severity: 'warning' }],
  },
  {
    name: 'a line sitting at 5 dB all week is low (info), not falling',
    series: week(5, 5),
    expected: [{ kind: 'snr_margin_low', severity: 'info' }],
  },
  {
    name: 'a fall to 2 dB is falling and low (warning)',
    series: week(9, 2),
    expected: [
      { kind: 'snr_margin_falling', severity: 'warning' },
      { kind: 'snr_margin_low', severity: 'warning' },
    ],
  },
  {
    name: 'one odd reading of 1 dB is no low margin',
    series: readings(weekAgo, now + 1, 10 * minuteMs, (t) => ({
      downSnrMarginDb: t > now - 5 * minuteMs ? 1 : 10,
    })),
    expected: [],
  },
  {
    name: 'no reading in the last day: nothing to judge',
    series: week(10, 2, (t) => (t < lastDay ? {} : null)),
    expected: [],
  },
  {
    name: 'three readings in the last day are too few to judge',
    series: week(10, 2, (t) => (t < lastDay || t % (8 * hourMs) === 0 ? {} : null)),
    expected: [],
  },
  {
    name: 'a gap of five days in the baseline still leaves enough of it',
    series: week(10, 6, (t) => (t > weekAgo + dayMs && t < weekAgo + 6 * dayMs ? null : {})),
    expected: [{ kind: 'snr_margin_falling', severity: 'warning' }],
  },
  {
    name: 'a line without DSL figures (cable, fibre) gives nothing',
    series: week(10, 2, () => ({ downSnrMarginDb: null })),
    expected: [],
  },
];

describe('snrFindings', () => {
  it.each(cases)('$name', ({ series, expected }) => {
    const found = snrFindings(series, now, defaultTrendConfig.snr);
    expect(found.map((f) => ({ kind: f.kind, severity: f.severity }))).toEqual(expected);
  });

  it('gives the medians and the drop as evidence and in both languages', () => {
    const [f] = snrFindings(week(10, 6.5), now, defaultTrendConfig.snr);
    expect(f?.evidence).toMatchObject({ baselineMedianDb: 10, recentMedianDb: 6.5, dropDb: 3.5 });
    expect(f?.message.de).toContain('3,5 dB');
    expect(f?.message.en).toContain('3.5 dB');
  });
});
