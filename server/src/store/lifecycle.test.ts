import { describe, expect, it, vi } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { startLifecycle } from './lifecycle.js';

const config = { rawRetentionDays: 14, minuteRetentionDays: 90, hourRetentionDays: 730 };

describe('startLifecycle', () => {
  it('rolls up every interval, one pass at a time, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const now = Date.UTC(2026, 10, 25, 12, 0, 30);
      vi.setSystemTime(now);
      const { store, siteId, add } = storeWithSite();
      add([{ t: now - 90_000 }, { t: now - 80_000 }]);
      const clock = {
        now: () => Date.now(),
        setTimeout,
        clearTimeout: (h: unknown) => clearTimeout(h as never),
      };
      const log = { error: vi.fn(), debug: vi.fn() };
      const lifecycle = startLifecycle({
        db: store.db,
        clock,
        config,
        log: log as never,
        intervalMs: 60_000,
      });
      await vi.advanceTimersByTimeAsync(60_000);
      await lifecycle.runOnce();
      expect(store.db.prepare('SELECT samples FROM measurements_1m WHERE site_id = ?').all(siteId)).toEqual([
        { samples: 2 },
      ]);
      expect(log.error).not.toHaveBeenCalled();
      await lifecycle.stop();
      expect(vi.getTimerCount()).toBe(0);
      store.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs a failing pass instead of throwing', async () => {
    const { store } = storeWithSite();
    store.close();
    const log = { error: vi.fn(), debug: vi.fn() };
    const clock = { now: () => Date.now(), setTimeout: () => 0, clearTimeout: () => {} };
    const lifecycle = startLifecycle({ db: store.db, clock, config, log: log as never });
    await lifecycle.runOnce();
    expect(log.error).toHaveBeenCalledOnce();
    await lifecycle.stop();
  });
});
