import type { QuietHours } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { monthStart, quietUntil } from './quiet-hours.js';

const night: QuietHours = {
  from: '22:00',
  to: '07:00',
  tz: 'Europe/Berlin',
  allowBusiness: false,
  weekends: false,
};
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it('spans midnight: quiet from 22:00 to 07:00 Berlin time', () => {
    expect(quietUntil(night, at('2026-03-02T20:59:00Z'))).toBeNull(); // 21:59
    expect(quietUntil(night, at('2026-03-02T21:00:00Z'))).toBe(at('2026-03-03T06:00:00Z')); // 22:00 → 07:00
    expect(quietUntil(night, at('2026-03-03T05:59:00Z'))).toBe(at('2026-03-03T06:00:00Z')); // 06:59
    expect(quietUntil(night, at('2026-03-03T06:00:00Z'))).toBeNull(); // 07:00
  });

  it('follows daylight saving time: 07:00 is 05:00 UTC in summer', () => {
    expect(quietUntil(night, at('2026-07-01T21:00:00Z'))).toBe(at('2026-07-02T05:00:00Z'));
    // The night the clocks go forward (29 March 2026): 07:00 CEST.
    expect(quietUntil(night, at('2026-03-28T22:00:00Z'))).toBe(at('2026-03-29T05:00:00Z'));
  });

  it('works within a day too, and does nothing when from equals to', () => {
    const lunch = { ...night, from: '12:00', to: '13:30' };
    expect(quietUntil(lunch, at('2026-03-02T11:15:00Z'))).toBe(at('2026-03-02T12:30:00Z'));
    expect(quietUntil(lunch, at('2026-03-02T13:00:00Z'))).toBeNull();
    expect(quietUntil({ ...night, to: '22:00' }, at('2026-03-02T21:30:00Z'))).toBeNull();
  });

  it('with weekends, holds Saturday and Sunday until Monday morning', () => {
    const q = { ...night, weekends: true };
    // Saturday 10:00 → Monday 07:00 (the weekend runs into Sunday night's window).
    expect(quietUntil(q, at('2026-03-07T09:00:00Z'))).toBe(at('2026-03-09T06:00:00Z'));
    expect(quietUntil(q, at('2026-03-06T12:00:00Z'))).toBeNull(); // Friday noon
  });

  it('finds the start of the calendar month in the zone', () => {
    expect(monthStart(at('2026-03-31T23:30:00Z'), 'Europe/Berlin')).toBe(at('2026-03-31T22:00:00Z'));
    expect(monthStart(at('2026-03-15T12:00:00Z'), 'Europe/Berlin')).toBe(at('2026-02-28T23:00:00Z'));
  });
});
