import { describe, expect, it } from 'vitest';
import { jitter, lossPct, median, percentile, rttStats, stdDevPopulation } from './rtt-stats.js';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('rttStats', () => {
  it('is null when nothing answered', () => {
    expect(rttStats([])).toBeNull();
  });

  it('gives min, median, avg and max', () => {
    expect(rttStats([10, 30, 20])).toEqual({ min: 10, median: 20, avg: 20, max: 30 });
  });

  it('rounds to 0.01 ms', () => {
    expect(rttStats([1.23456, 1.23456])).toEqual({ min: 1.23, median: 1.23, avg: 1.23, max: 1.23 });
  });
});

describe('jitter', () => {
  it('is null with fewer than two answers', () => {
    expect(jitter([])).toBeNull();
    expect(jitter([12])).toBeNull();
  });

  it('is the mean absolute difference of consecutive answers', () => {
    // |14−10| = 4, |12−14| = 2 → 3
    expect(jitter([10, 14, 12])).toBe(3);
  });

  it('depends on order, unlike a standard deviation', () => {
    expect(jitter([10, 20, 10, 20])).toBe(10);
    expect(jitter([10, 10, 20, 20])).toBeCloseTo(10 / 3, 2);
  });

  it('is zero for a steady line', () => {
    expect(jitter([5, 5, 5])).toBe(0);
  });
});

describe('lossPct', () => {
  it.each([
    [3, 3, 0],
    [3, 0, 100],
    [3, 2, 33.33],
    [0, 0, 0],
  ])('sent %i, received %i → %f %%', (sent, received, expected) => {
    expect(lossPct(sent, received)).toBe(expected);
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 90, null],
    [[7], 90, 7],
    [[10, 20, 30, 40, 50], 90, 50],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90],
    [[5, 1, 3], 50, 3],
    [[5, 1, 3], 0, 1],
    [[5, 1, 3], 100, 5],
  ])('percentile(%j, %i) = %j', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('stdDevPopulation', () => {
  it('is null for no values and 0 for one', () => {
    expect(stdDevPopulation([])).toBeNull();
    expect(stdDevPopulation([3])).toBe(0);
  });

  it('divides by n, not n − 1 (iputils mdev)', () => {
    expect(stdDevPopulation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(stdDevPopulation([1, 3])).toBe(1);
  });
});
