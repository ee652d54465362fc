import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundScheduler } from './scheduler.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Stops a scheduler, letting fake time pass for the round that is still running. */
async function stop(scheduler: RoundScheduler): Promise<void> {
  const stopped = scheduler.stop();
  await vi.advanceTimersByTimeAsync(60_000);
  await stopped;
}

/** A scheduler whose rounds take `durationMs` each and are logged by start time. */
function setup(durationMs: number, intervalMs = 10_000) {
  const starts: number[] = [];
  let active = 0;
  let overlapped = false;
  const scheduler = new RoundScheduler({
    intervalMs,
    now: () => Date.now(),
    onError: () => {},
    round: async () => {
      starts.push(Date.now());
      active++;
      if (active > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, durationMs));
      active--;
    },
  });
  return { scheduler, starts, overlapped: () => overlapped };
}

describe('RoundScheduler', () => {
  it('starts a round at once and then on a fixed cadence', async () => {
    const { scheduler, starts } = setup(3000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(35_000);
    expect(starts).toEqual([0, 10_000, 20_000, 30_000]);
    await stop(scheduler);
  });

  it('skips the slots an overrunning round missed and never overlaps', async () => {
    const { scheduler, starts, overlapped } = setup(25_000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(65_000);
    expect(starts).toEqual([0, 30_000, 60_000]);
    expect(overlapped()).toBe(false);
    await stop(scheduler);
  });

  it('runs an extra round at once without moving the cadence', async () => {
    const { scheduler, starts } = setup(1000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(4000);
    scheduler.runSoon();
    await vi.advanceTimersByTimeAsync(17_000);
    expect(starts).toEqual([0, 4000, 10_000, 20_000]);
    await stop(scheduler);
  });

  it('runs an extra round asked for during a round right after it', async () => {
    const { scheduler, starts, overlapped } = setup(2000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(500);
    scheduler.runSoon();
    await vi.advanceTimersByTimeAsync(3000);
    // The extra round follows on the next turn of the event loop (a 1 ms timer).
    expect(starts).toHaveLength(2);
    expect(starts[1]).toBeGreaterThanOrEqual(2000);
    expect(starts[1]).toBeLessThanOrEqual(2001);
    expect(overlapped()).toBe(false);
    await stop(scheduler);
  });

  it('goes on after a failed round', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new RoundScheduler({
      intervalMs: 1000,
      now: () => Date.now(),
      onError: (e) => errors.push(e),
      round: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(2500);
    expect(calls).toBe(3);
    expect(errors).toHaveLength(1);
    await stop(scheduler);
  });

  it('runs nothing after stop and waits for the running round', async () => {
    const { scheduler, starts } = setup(5000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(scheduler.busy).toBe(true);
    const stopped = scheduler.stop();
    scheduler.runSoon();
    await vi.advanceTimersByTimeAsync(30_000);
    await stopped;
    expect(starts).toEqual([0]);
    expect(scheduler.busy).toBe(false);
  });
});
