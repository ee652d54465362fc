import { describe, expect, it } from 'vitest';
import {
  addDays,
  type CivilDate,
  civilDateOf,
  daysBetween,
  isoDate,
  startOfCivilDay,
  zoneOffsetMs,
} from './zoned-calendar.js';

const berlin = 'Europe/Berlin';
const d = (year: number, month: number, day: number): CivilDate => ({ year, month, day });

describe('zoned calendar (Europe/Berlin)', () => {
  it.each<[string, CivilDate, string]>([
    ['winter (CET)', d(2025, 1, 15), '2025-01-14T23:00:00Z'],
    ['the 23-hour day itself starts in CET', d(2025, 3, 30), '2025-03-29T23:00:00Z'],
    ['the day after it starts in CEST', d(2025, 3, 31), '2025-03-30T22:00:00Z'],
    ['the 25-hour day itself starts in CEST', d(2025, 10, 26), '2025-10-25T22:00:00Z'],
    ['the day after it starts in CET', d(2025, 10, 27), '2025-10-26T23:00:00Z'],
    ['leap day', d(2024, 2, 29), '2024-02-28T23:00:00Z'],
  ])('startOfCivilDay: %s', (_name, date, iso) => {
    expect(startOfCivilDay(date, berlin)).toBe(Date.parse(iso));
  });

  it.each<[string, string, string]>([
    ['23:59:59.999 Berlin', '2025-03-03T22:59:59.999Z', '2025-03-03'],
    ['00:00 Berlin', '2025-03-03T23:00:00Z', '2025-03-04'],
    ['01:59 on the spring change day', '2025-03-30T00:59:00Z', '2025-03-30'],
    ['the repeated 02:30 in autumn', '2025-10-26T01:30:00Z', '2025-10-26'],
    ['New Year in Berlin, still 31 Dec in UTC', '2024-12-31T23:30:00Z', '2025-01-01'],
  ])('civilDateOf: %s', (_name, iso, want) => {
    expect(isoDate(civilDateOf(Date.parse(iso), berlin))).toBe(want);
  });

  it.each<[string, number]>([
    ['2025-01-15T12:00:00Z', 3_600_000],
    ['2025-07-15T12:00:00Z', 7_200_000],
    ['2025-07-15T12:00:00.750Z', 7_200_000],
  ])('zoneOffsetMs at %s', (iso, want) => {
    expect(zoneOffsetMs(Date.parse(iso), berlin)).toBe(want);
  });

  it('adds days across month and year ends, counts whole days', () => {
    expect(addDays(d(2025, 2, 27), 2)).toEqual(d(2025, 3, 1));
    expect(addDays(d(2024, 12, 31), 1)).toEqual(d(2025, 1, 1));
    expect(daysBetween(d(2025, 3, 29), d(2025, 4, 1))).toBe(3);
    expect(daysBetween(d(2025, 4, 1), d(2025, 3, 29))).toBe(-3);
  });
});
