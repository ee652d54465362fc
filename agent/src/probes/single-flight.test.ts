import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.js';

describe('SingleFlight', () => {
  it('shares a running job between callers of one key', async () => {
    const flights = new SingleFlight<number>();
    let started = 0;
    let release!: (n: number) => void;
    const job = () => {
      started++;
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    };
    const a = flights.run('k', job);
    const b = flights.run('k', job);
    expect(started).toBe(1);
    expect(flights.size).toBe(1);
    release(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(flights.size).toBe(0);
  });

  it('runs different keys side by side and starts afresh after a job ends', async () => {
    const flights = new SingleFlight<string>();
    expect(await Promise.all([flights.run('a', async () => 'a'), flights.run('b', async () => 'b')])).toEqual(
      ['a', 'b'],
    );
    expect(await flights.run('a', async () => 'again')).toBe('again');
  });

  it('forgets a job that failed', async () => {
    const flights = new SingleFlight<string>();
    await expect(flights.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await flights.run('k', async () => 'ok')).toBe('ok');
  });
});
