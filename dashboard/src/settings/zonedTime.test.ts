import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from './zonedTime';

describe('zoned times', () => {
  it('reads wall-clock times in Berlin, summer and winter', () => {
    expect(zonedToIso('2025-06-15T22:00', 'Europe/Berlin')).toBe('2025-06-15T20:00:00.000Z');
    expect(zonedToIso('2025-01-15T22:00', 'Europe/Berlin')).toBe('2025-01-15T21:00:00.000Z');
    expect(zonedToIso('garbage', 'Europe/Berlin')).toBeNull();
  });

  it('round-trips to the input value', () => {
    expect(isoToZoned('2025-06-15T20:00:00Z', 'Europe/Berlin')).toBe('2025-06-15T22:00');
    expect(isoToZoned('2025-10-26T01:30:00Z', 'Europe/Berlin')).toBe('2025-10-26T02:30');
  });
});
