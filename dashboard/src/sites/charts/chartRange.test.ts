import { describe, expect, it } from 'vitest';
import { outageBands, rangeQuery, toChartPoints } from './chartRange';
import { roundedTop } from './MetricChart';

describe('rangeQuery', () => {
  const now = Date.parse('2025-01-01T10:00:30Z');

  it('asks for one point per pixel, within the API limits, up to the next whole minute', () => {
    expect(rangeQuery('1h', 600.7, now)).toEqual({
      from: '2025-01-01T09:01:00.000Z',
      to: '2025-01-01T10:01:00.000Z',
      step: 600,
    });
    expect(rangeQuery('90d', 5, now).step).toBe(20);
    expect(rangeQuery('90d', 50_000, now).step).toBe(10_000);
    expect(rangeQuery('7d', 800, now).from).toBe('2024-12-25T10:01:00.000Z');
  });
});

describe('outageBands', () => {
  const from = Date.parse('2025-01-01T00:00:00Z');
  const to = Date.parse('2025-01-02T00:00:00Z');
  const incident = (id: string, startedAt: string, recoveredAt: string | null) => ({
    id,
    startedAt,
    recoveredAt,
    resolvedAt: null,
    status: 'down' as const,
  });

  it('clips incidents to the range and runs open ones to its end', () => {
    const bands = outageBands(
      [
        incident('open', '2025-01-01T20:00:00Z', null),
        incident('early', '2024-12-31T23:00:00Z', '2025-01-01T01:00:00Z'),
        incident('before', '2024-12-30T00:00:00Z', '2024-12-30T01:00:00Z'),
      ],
      from,
      to,
    );
    expect(bands).toEqual([
      { id: 'early', from, to: Date.parse('2025-01-01T01:00:00Z'), status: 'down' },
      { id: 'open', from: Date.parse('2025-01-01T20:00:00Z'), to, status: 'down' },
    ]);
  });
});

describe('toChartPoints', () => {
  it('turns ISO times into ms and sync rates into Mbit/s', () => {
    const none = {
      dnsMs: null,
      syncDownKbps: null,
      syncUpKbps: null,
      snrDownDb: null,
      snrUpDb: null,
      attenuationDownDb: null,
      attenuationUpDb: null,
      crcErrors: null,
    };
    const point = {
      t: '2025-01-01T00:00:00Z',
      gatewayRttMs: 1,
      latencyMs: 2,
      lossPct: 0,
      jitterMs: null,
      ...none,
    };
    expect(toChartPoints([point])[0]?.t).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(toChartPoints([{ ...point, syncDownKbps: 93_500 }])[0]).toMatchObject({
      syncDownMbps: 93.5,
      syncUpMbps: null,
    });
  });
});

describe('roundedTop', () => {
  it('rounds a little above the value to a readable number', () => {
    expect(roundedTop(100)).toBe(150);
    expect(roundedTop(250)).toBe(300);
    expect(roundedTop(40)).toBe(45);
    expect(roundedTop(0)).toBe(1);
  });
});
