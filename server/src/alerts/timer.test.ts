import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type Harness } from './testing/harness.js';

/** One timer for the earliest due row; no polling. */

let h: Harness;
afterEach(() => h.close());

describe('dispatcher timer', () => {
  it('sleeps until the earliest due row, wakes when a row is planned, and stays idle when nothing is due', async () => {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    h = await alertHarness({
      timers: {
        set: (fn, ms) => {
          const t = { fn, ms, cleared: false };
          timers.push(t);
          return t;
        },
        clear: (t) => {
          (t as { cleared: boolean }).cleared = true;
        },
      },
    });
    const live = () => timers.filter((t) => !t.cleared);
    h.alerts.start();
    expect(timers).toHaveLength(0);

    // A site with neighbours, all of them fine, is held for the settle time: the timer is set for it.
    const [a] = [h.site('A'), h.site('B'), h.site('C')];
    h.transition(a as string, 'down', 'line_sync_lost');
    await Promise.resolve();
    expect(live().map((t) => t.ms)).toEqual([5_000]);

    h.clock.advance(5_000);
    const due = live()[0];
    if (!due) throw new Error('no timer');
    due.cleared = true; // it fired
    due.fn();
    await h.sink.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.rows('alert')[0]?.state).toBe('sent');
    expect(live()).toHaveLength(0);
  });
});
