import { describe, expect, it } from 'vitest';
import { clockVerdict, formatOffset } from './agentClock';

describe('clockVerdict', () => {
  it('says synced within the tolerance, else ahead or behind by how much', () => {
    expect(clockVerdict({ clockSkewMs: -120, clockSynced: true })).toEqual({ kind: 'synced', offMs: 120 });
    expect(clockVerdict({ clockSkewMs: 7_000, clockSynced: false })).toEqual({ kind: 'ahead', offMs: 7_000 });
    expect(clockVerdict({ clockSkewMs: -259_200_000, clockSynced: false })).toEqual({
      kind: 'behind',
      offMs: 259_200_000,
    });
  });

  it('knows nothing before the box has measured', () => {
    expect(clockVerdict({ clockSkewMs: null, clockSynced: null })).toBeNull();
  });
});

describe('formatOffset', () => {
  it('gives seconds under a minute and a duration above', () => {
    expect(formatOffset(1234, (n) => n.toFixed(1))).toBe('1.2 s');
    expect(formatOffset(259_200_000, String)).toBe('3 d 0 h');
  });
});
