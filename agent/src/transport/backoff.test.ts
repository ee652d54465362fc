import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles from 1 s up to the 60 s cap', () => {
    const backoff = new Backoff({ random: () => 0.999999 });
    const ceilings = Array.from({ length: 9 }, () => Math.ceil(backoff.next() / 1000));
    expect(ceilings).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('draws each delay uniformly below its ceiling (full jitter)', () => {
    const draws = [0, 0.5, 0.25];
    const backoff = new Backoff({ random: () => draws.shift() ?? 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 1000, 1000]);
  });

  it('starts over after a reset', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('stays at the cap however long it fails', () => {
    const backoff = new Backoff({ random: () => 0.5, baseMs: 1000, capMs: 60_000 });
    for (let i = 0; i < 2000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
  });
});
