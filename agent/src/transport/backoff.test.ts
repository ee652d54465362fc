import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('grows with the time waited, from 1 s up to the 60 s cap', () => {
    const backoff = new Backoff({ random: () => 0.999999 });
    const ceilings = Array.from({ length: 10 }, () => Math.ceil(backoff.next() / 1000));
    expect(ceilings).toEqual([1, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('draws each delay uniformly below its ceiling (full jitter)', () => {
    const draws = [0, 0.5, 0.25, 0.5];
    const backoff = new Backoff({ random: () => draws.shift() ?? 0 });
    // Waited 0, 0, 500, 750 ms: ceilings 1 s, 1 s, 1 s, 1 s.
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 500, 250, 500]);
  });

  it('is back within twice the length of an outage of refused attempts, whatever the draws', () => {
    for (let trial = 0; trial < 20_000; trial++) {
      const backoff = new Backoff();
      const outageMs = 500 + (trial % 40) * 250;
      let t = 0;
      while (t < outageMs) t += backoff.next();
      expect(t).toBeLessThan(Math.max(2 * outageMs, outageMs + 1000));
    }
  });

  it('starts over after a reset', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    for (let i = 0; i < 10; i++) backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('stays at the cap however long it fails', () => {
    const backoff = new Backoff({ random: () => 0.5, baseMs: 1000, capMs: 60_000 });
    for (let i = 0; i < 2000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
  });
});
