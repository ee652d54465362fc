import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDuration,
  formatInZone,
  formatRelative,
  parseTime,
  relativeAmount,
} from './time';

const now = Date.parse('2025-06-15T12:00:00Z');
const ago = (ms: number) => now - ms;
const min = 60_000;

describe('relativeAmount', () => {
  it('says now under a minute and for future times', () => {
    expect(relativeAmount(ago(59_999), now)).toBeNull();
    expect(relativeAmount(now + 5000, now)).toBeNull();
  });

  it('picks the largest whole unit, rounding down', () => {
    expect(relativeAmount(ago(min), now)).toEqual({ value: -1, unit: 'minute' });
    expect(relativeAmount(ago(59 * min), now)).toEqual({ value: -59, unit: 'minute' });
    expect(relativeAmount(ago(119 * min), now)).toEqual({ value: -1, unit: 'hour' });
    expect(relativeAmount(ago(25 * 60 * min), now)).toEqual({ value: -1, unit: 'day' });
    expect(relativeAmount(ago(45 * 24 * 60 * min), now)).toEqual({ value: -1, unit: 'month' });
    expect(relativeAmount(ago(800 * 24 * 60 * min), now)).toEqual({ value: -2, unit: 'year' });
  });
});

describe('formatRelative', () => {
  it('speaks English', () => {
    expect(formatRelative(ago(10_000), now, 'en')).toBe('now');
    expect(formatRelative(ago(5 * min), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(ago(24 * 60 * min), now, 'en')).toBe('1 day ago');
  });

  it('speaks German', () => {
    expect(formatRelative(ago(10_000), now, 'de')).toBe('jetzt');
    expect(formatRelative(ago(5 * min), now, 'de')).toBe('vor 5 Minuten');
    expect(formatRelative(ago(3 * 60 * min), now, 'de-AT')).toBe('vor 3 Stunden');
  });
});

describe('formatDateTime', () => {
  it('writes the date the way the locale does', () => {
    const t = Date.parse('2025-03-01T08:05:09Z');
    expect(formatDateTime(t, 'de', 'Europe/Berlin')).toBe('01.03.2025, 09:05:09');
    expect(formatDateTime(t, 'en-GB', 'UTC')).toBe('1 Mar 2025, 08:05:09');
  });
});

describe('parseTime', () => {
  it('parses ISO times with an offset and refuses garbage', () => {
    expect(parseTime('2025-06-15T14:00:00+02:00')).toBe(now);
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime(null)).toBeNull();
  });
});

describe('formatInZone and formatDuration', () => {
  it('formats in the shop time zone, not the machine one', () => {
    expect(formatInZone(Date.parse('2025-03-01T23:30:00Z'), 'en-GB', { dateStyle: 'short' })).toBe(
      '02/03/2025',
    );
    expect(formatInZone(Date.parse('2025-07-01T10:00:00Z'), 'de', { timeStyle: 'short' })).toBe('12:00');
  });

  it('words durations compactly', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(19_400)).toBe('19 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
  });
});
