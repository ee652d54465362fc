import { describe, expect, it } from 'vitest';
import { compensationForDay, type RepairClock, type RepairClockInput, repairClock } from './repair-clock.js';

const t = (iso: string) => Date.parse(iso);

/** Narrows to the consumer case so each row can assert on its fields. */
function clock(input: RepairClockInput): Extract<RepairClock, { applicable: true }> {
  const c = repairClock(input);
  if (!c.applicable) throw new Error('expected § 58 TKG to apply');
  return c;
}

// Reported Monday 3 March 2025, 10:00 Berlin (CET, UTC+1).
const monday = t('2025-03-03T09:00:00Z');

describe('repairClock: the repair period (§ 58 Abs. 2 and 3 TKG, § 187 BGB)', () => {
  it.each<[string, number, string, string, string]>([
    // name, reportedAt, reportDate, lastRepairDate, deadlineAt (UTC)
    ['Monday 10:00 → period Tue + Wed', monday, '2025-03-03', '2025-03-05', '2025-03-05T23:00:00Z'],
    [
      'the Berlin date counts, not UTC: 00:30 Berlin is the next day',
      t('2025-03-03T23:30:00Z'),
      '2025-03-04',
      '2025-03-06',
      '2025-03-06T23:00:00Z',
    ],
    [
      '23:30 Berlin is still the same day',
      t('2025-03-03T22:30:00Z'),
      '2025-03-03',
      '2025-03-05',
      '2025-03-05T23:00:00Z',
    ],
    [
      'reported Friday: the period ends on Sunday, no shift to Monday',
      t('2025-03-07T15:00:00Z'),
      '2025-03-07',
      '2025-03-09',
      '2025-03-09T23:00:00Z',
    ],
    [
      'reported Saturday: calendar days, the weekend counts',
      t('2025-03-08T10:00:00Z'),
      '2025-03-08',
      '2025-03-10',
      '2025-03-10T23:00:00Z',
    ],
    [
      'reported Christmas Eve: ends on a public holiday (26 Dec), no shift',
      t('2025-12-24T11:00:00Z'),
      '2025-12-24',
      '2025-12-26',
      '2025-12-26T23:00:00Z',
    ],
    [
      'spring DST change on day 1 (30 Mar, 23 h): deadline at CEST midnight',
      t('2025-03-29T11:00:00Z'),
      '2025-03-29',
      '2025-03-31',
      '2025-03-31T22:00:00Z',
    ],
    [
      'autumn DST change on day 1 (26 Oct, 25 h): deadline at CET midnight',
      t('2025-10-25T10:00:00Z'),
      '2025-10-25',
      '2025-10-27',
      '2025-10-27T23:00:00Z',
    ],
  ])('%s', (_name, reportedAt, reportDate, lastRepairDate, deadline) => {
    const c = clock({ reportedAt, now: reportedAt, business: false });
    expect(c.reportDate).toBe(reportDate);
    expect(c.lastRepairDate).toBe(lastRepairDate);
    expect(c.deadlineAt).toBe(t(deadline));
    expect(c.overdue).toBe(false);
    expect(c.daysOwed).toBe(0);
  });

  it('dates the compensation schedule from the report: day 3 and day 5', () => {
    const c = clock({ reportedAt: monday, now: monday, business: false });
    expect(c.rates).toEqual([
      { fromDay: 3, fromDate: '2025-03-06', fromAt: t('2025-03-05T23:00:00Z'), centsPerDay: 500 },
      { fromDay: 5, fromDate: '2025-03-08', fromAt: t('2025-03-07T23:00:00Z'), centsPerDay: 1000 },
    ]);
    expect(c.updateOwedFrom).toBe(t('2025-03-04T23:00:00Z'));
  });

  it('businesses are not covered', () => {
    expect(repairClock({ reportedAt: monday, now: monday + 10 * 86_400_000, business: true })).toEqual({
      applicable: false,
      reason: 'business_customer',
    });
  });
});

describe('repairClock: compensation accrued at now', () => {
  it.each<
    [
      string,
      Partial<RepairClockInput>,
      { overdue: boolean; days: number; cents: number; today: number | null; update: boolean },
    ]
  >([
    [
      'Wednesday 23:59 Berlin: still in time',
      { now: t('2025-03-05T22:59:00Z') },
      { overdue: false, days: 0, cents: 0, today: null, update: true },
    ],
    [
      'exactly at the deadline: overdue, nothing accrued yet',
      { now: t('2025-03-05T23:00:00Z') },
      { overdue: true, days: 0, cents: 0, today: null, update: true },
    ],
    [
      'Thursday 00:01: day 3 is owed',
      { now: t('2025-03-05T23:01:00Z') },
      { overdue: true, days: 1, cents: 500, today: 500, update: true },
    ],
    [
      'Saturday noon: days 3, 4 at €5 and day 5 at €10',
      { now: t('2025-03-08T11:00:00Z') },
      { overdue: true, days: 3, cents: 2000, today: 1000, update: true },
    ],
    [
      '€79.99 a month: 10 % and 20 % beat €5 and €10',
      { now: t('2025-03-09T11:00:00Z'), monthlyFeeCents: 7999 },
      { overdue: true, days: 4, cents: 800 + 800 + 1600 + 1600, today: 1600, update: true },
    ],
    [
      '€39.99 a month: €5 and €10 beat 10 % and 20 %',
      { now: t('2025-03-09T11:00:00Z'), monthlyFeeCents: 3999 },
      { overdue: true, days: 4, cents: 500 + 500 + 1000 + 1000, today: 1000, update: true },
    ],
    [
      'fixed Friday 08:00: days 3 and 4 owed, nothing more accrues',
      { now: t('2025-03-20T12:00:00Z'), fixedAt: t('2025-03-07T07:00:00Z') },
      { overdue: true, days: 2, cents: 1000, today: null, update: true },
    ],
    [
      'fixed Wednesday afternoon: in time, but the day-1 update was owed',
      { now: t('2025-03-20T12:00:00Z'), fixedAt: t('2025-03-05T14:00:00Z') },
      { overdue: false, days: 0, cents: 0, today: null, update: true },
    ],
    [
      'fixed Tuesday noon: within one calendar day, no update owed',
      { now: t('2025-03-20T12:00:00Z'), fixedAt: t('2025-03-04T11:00:00Z') },
      { overdue: false, days: 0, cents: 0, today: null, update: false },
    ],
    [
      'fixed exactly at midnight after day 2: in time',
      { now: t('2025-03-20T12:00:00Z'), fixedAt: t('2025-03-05T23:00:00Z') },
      { overdue: false, days: 0, cents: 0, today: null, update: true },
    ],
    [
      'fixed exactly at midnight after day 3: day 4 is not owed',
      { now: t('2025-03-20T12:00:00Z'), fixedAt: t('2025-03-06T23:00:00Z') },
      { overdue: true, days: 1, cents: 500, today: null, update: true },
    ],
  ])('%s', (_name, patch, want) => {
    const c = clock({ reportedAt: monday, now: monday, business: false, ...patch });
    expect({
      overdue: c.overdue,
      days: c.daysOwed,
      cents: c.accruedCents,
      today: c.currentCentsPerDay,
      update: c.updateOwed,
    }).toEqual(want);
  });

  it.each<[string, string, number, number]>([
    // Reported Wednesday 22 Oct 2025: day 3 = Sat 25, day 4 = Sun 26 (25 h), day 5 = Mon 27.
    ['Sunday 23:30 CET, in the 25-hour day: days 3 and 4', '2025-10-26T22:30:00Z', 2, 1000],
    ['Monday 00:30 CET: day 5 has begun', '2025-10-26T23:30:00Z', 3, 2000],
  ])('DST change among the owed days: %s', (_name, now, days, cents) => {
    const c = clock({ reportedAt: t('2025-10-22T08:00:00Z'), now: t(now), business: false });
    expect([c.daysOwed, c.accruedCents]).toEqual([days, cents]);
  });
});

describe('compensationForDay (§ 58 Abs. 3 S. 2 TKG)', () => {
  it.each<[number, number | null, number | null]>([
    [1, null, null],
    [2, 9999, null],
    [3, null, 500],
    [4, null, 500],
    [5, null, 1000],
    [30, null, 1000],
    [3, 5000, 500],
    [3, 5001, 500],
    [3, 5999, 600],
    [5, 4999, 1000],
    [5, 12_345, 2469],
  ])('day %i with fee %s cents → %s cents', (day, fee, want) => {
    expect(compensationForDay(day, fee)).toBe(want);
  });
});
