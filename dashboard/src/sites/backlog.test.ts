import { describe, expect, it } from 'vitest';
import { waitingSamples } from './backlog';

describe('waitingSamples', () => {
  it('counts nothing while only the batch and a round or two are in flight', () => {
    expect([1, 2, 3].map(waitingSamples)).toEqual([0, 0, 0]);
  });

  it('counts what waits beyond them after an outage, and nothing when never reported', () => {
    expect(waitingSamples(240)).toBe(237);
    expect(waitingSamples(null)).toBeNull();
  });
});
