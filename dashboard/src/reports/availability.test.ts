import type { Incident } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { makeSite } from '../sites/siteFixture';
import { availability, monthBounds, recentMonths } from './availability';
import { toCsv } from './csv';

const hour = 3_600_000;

function incident(
  siteId: string,
  startedAt: string,
  recoveredAt: string | null,
  overrides: Partial<Incident> = {},
): Incident {
  return {
    id: crypto.randomUUID(),
    kind: 'site',
    state: 'resolved',
    status: 'down',
    cause: 'line_sync_lost',
    siteIds: [siteId],
    parentId: null,
    carrier: null,
    area: null,
    powerCutSuspected: false,
    flapping: false,
    maintenance: false,
    startedAt,
    recoveredAt,
    resolvedAt: recoveredAt,
    resolvedBy: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ticket: null,
    ...overrides,
  };
}

describe('monthBounds and recentMonths', () => {
  it('counts months in the shop time zone', () => {
    expect(monthBounds('2025-03', 'Europe/Berlin')).toEqual([
      Date.parse('2025-02-28T23:00:00Z'),
      Date.parse('2025-03-31T22:00:00Z'),
    ]);
    expect(monthBounds('2025-12', 'Europe/Berlin')[1]).toBe(Date.parse('2025-12-31T23:00:00Z'));
    expect(recentMonths(Date.parse('2025-01-10T00:00:00Z'), 3, 'Europe/Berlin')).toEqual([
      '2025-01',
      '2024-12',
      '2024-11',
    ]);
  });
});

describe('availability', () => {
  const month = monthBounds('2025-03', 'Europe/Berlin');
  const site = makeSite({ createdAt: '2025-01-01T00:00:00Z' });
  const after = Date.parse('2025-05-01T00:00:00Z');

  it('sums down time per cause, merging overlaps and clipping to the month', () => {
    const rows = availability(
      [site],
      [
        incident(site.id, '2025-03-10T10:00:00Z', '2025-03-10T12:00:00Z'),
        incident(site.id, '2025-03-10T11:00:00Z', '2025-03-10T13:00:00Z', { cause: 'power_or_device' }),
        incident(site.id, '2025-02-28T22:00:00Z', '2025-03-01T00:00:00Z', { cause: null }),
        incident(site.id, '2025-03-12T10:00:00Z', '2025-03-12T11:00:00Z', { status: 'degraded' }),
      ],
      month,
      after,
    );
    const row = rows[0];
    expect(row?.outages).toBe(3);
    expect(row?.downMs).toBe(3 * hour + hour);
    expect(row?.downMsByCause).toEqual({ line_sync_lost: 2 * hour, power_or_device: hour, none: hour });
    expect(row?.uptimePct).toBeCloseTo(100 - (100 * 4 * hour) / (month[1] - month[0]), 6);
  });

  it('runs open incidents to now and does not count time before the site existed', () => {
    const young = makeSite({ createdAt: '2025-03-31T00:00:00Z' });
    const now = Date.parse('2025-03-31T12:00:00Z');
    const [row] = availability([young], [incident(young.id, '2025-03-31T06:00:00Z', null)], month, now);
    expect(row?.watchedMs).toBe(12 * hour);
    expect(row?.downMs).toBe(6 * hour);
    expect(row?.uptimePct).toBe(50);
    const [unwatched] = availability([makeSite({ createdAt: '2025-04-02T00:00:00Z' })], [], month, after);
    expect(unwatched?.uptimePct).toBeNull();
  });
});

describe('toCsv', () => {
  it('quotes cells with separators, quotes or line breaks', () => {
    expect(
      toCsv(
        [
          ['Kunde', 'Notiz'],
          ['Müller', 'a;b'],
          ['Say "hi"', 1.5],
        ],
        ';',
      ),
    ).toBe('Kunde;Notiz\r\nMüller;"a;b"\r\n"Say ""hi""";1.5\r\n');
  });
});
