import type { Logger } from 'pino';
import type { Db } from './db.js';
import { prune, type RetentionDays } from './retention.js';
import { rollup } from './rollups.js';

/** The injectable timer seam (the detector's `Clock` fits). */
export interface LifecycleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LifecycleDeps {
  db: Db;
  clock: LifecycleClock;
  config: RetentionDays;
  log: Pick<Logger, 'error' | 'debug'>;
  /** Pause between the end of one run and the start of the next, in ms. */
  intervalMs?: number;
  /** A minute counts as complete this long after it ended, so its last samples are in (ms). */
  settleMs?: number;
}

export interface Lifecycle {
  /** One rollup + retention pass now (waits for a running one first). */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a running pass to finish. */
  stop(): Promise<void>;
}

const dayMs = 86_400_000;

/**
 * The data lifecycle loop: every `intervalMs` (one minute) roll up new
 * complete buckets, then prune what is past retention. One timer, armed
 * again only after a pass ends, so passes never overlap; a failing pass
 * is logged and the loop goes on.
 *
 * @example
 * const lifecycle = startLifecycle({ db: store.db, clock: systemClock, config, log });
 * await lifecycle.stop();
 */
export function startLifecycle(deps: LifecycleDeps): Lifecycle {
  const { db, clock, config, log } = deps;
  const intervalMs = deps.intervalMs ?? 60_000;
  const settleMs = deps.settleMs ?? 10_000;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function pass(): Promise<void> {
    const now = clock.now();
    try {
      const rolled = await rollup(db, {
        fromMs: now - config.rawRetentionDays * dayMs,
        toMs: now - settleMs,
      });
      const pruned = await prune(db, config, now);
      log.debug({ rolled, pruned }, 'data lifecycle pass');
    } catch (err) {
      log.error({ err }, 'data lifecycle pass failed');
    }
  }

  function runOnce(): Promise<void> {
    const p: Promise<void> = (running ?? Promise.resolve()).then(pass).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  }

  function arm(): void {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void runOnce().then(arm);
    }, intervalMs);
  }
  arm();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
