import type { SiteAvailability } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { makeSite } from '../sites/siteFixture';
import { availabilityRows, recentMonths } from './availability';
import { toCsv } from './csv';

const hour = 3_600_000;

describe('recentMonths', () => {
  it('counts months in the shop time zone', () => {
    expect(recentMonths(Date.parse('2025-01-10T00:00:00Z'), 3, 'Europe/Berlin')).toEqual([
      '2025-01',
      '2024-12',
      '2024-11',
    ]);
  });
});

describe('availabilityRows', () => {
  it("pairs the server's figures with the lines, in the lines' order, leaving out lines it does not know", () => {
    const a = makeSite({ customer: 'Anna' });
    const b = makeSite({ customer: 'Bernd' });
    const c = makeSite({ customer: 'Carla' });
    const figures = (siteId: string, downMs: number): SiteAvailability => ({
      siteId,
      outages: downMs > 0 ? 1 : 0,
      downMs,
      downMsByCause: downMs > 0 ? { line_sync_lost: downMs } : ({} as Record<string, number>),
      degradedMs: 0,
      maintenanceMs: 0,
      watchedMs: 10 * hour,
      uptimePct: (100 * (10 * hour - downMs)) / (10 * hour),
    });
    const report = {
      month: '2025-03',
      timeZone: 'Europe/Berlin',
      from: '2025-02-28T23:00:00.000Z',
      to: '2025-03-31T22:00:00.000Z',
      complete: true,
      sites: [figures(b.id, hour), figures(a.id, 0)],
    };
    const rows = availabilityRows(report, [a, b, c]);
    expect(rows.map((r) => [r.site.customer, r.downMs, r.uptimePct])).toEqual([
      ['Anna', 0, 100],
      ['Bernd', hour, 90],
    ]);
    expect(availabilityRows(undefined, [a])).toEqual([]);
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
