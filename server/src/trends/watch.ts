import type { FindingKind, TrendFinding } from '@linewatch/shared';
import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import { analyseSite } from './analyse.js';
import { dayMs, hourMs, type TrendConfig, type TrendConfigOverrides, trendConfig } from './config.js';
import { localHours } from './local-time.js';
import { trendReader } from './reader.js';
import type { SiteReadings } from './readings.js';

/** The injectable timer seam (the detector's `Clock` fits). */
export interface TrendClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TrendWatchDeps {
  store: Pick<Store, 'db' | 'findings' | 'tx'>;
  clock: TrendClock;
  log: Pick<Logger, 'info' | 'error'>;
  config?: TrendConfigOverrides;
  /** Called after a run opened or cleared findings of a site (to push the site to dashboards). */
  onChange?(siteId: string, change: { opened: FindingKind[]; cleared: FindingKind[] }): void;
}

/** What one run did. */
export interface TrendRun {
  sites: number;
  /** Findings holding at the end of the run. */
  holding: number;
  opened: number;
  cleared: number;
  /** Sites whose readings could not be analysed (logged; their findings are left as they were). */
  failed: number;
  /** Wall-clock duration, ms. */
  durationMs: number;
  /** True when stop() cut the run short. */
  aborted: boolean;
}

export interface TrendWatch {
  /** One pass over every site now (waits for a running one first). */
  runOnce(): Promise<TrendRun>;
  /** Arms the timer: first run after `firstRunDelaySeconds`, then `runEveryMinutes` after each run ends. */
  start(): void;
  /** Stops the timer; a running pass stops after its current site. */
  stop(): Promise<void>;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The hourly early-warning job: reads each site's sampled DSL figures and
 * hourly rollups, runs the pure analyses (`analyseSite`) and keeps
 * `site_findings` in step: one open row per site and kind, refreshed while
 * the finding holds, cleared once it has not held for `clearAfterMinutes`.
 * A site without readings in the windows (silent, not yet enrolled) has
 * nothing to judge, so its findings clear too: outages are the detector's.
 *
 * It shares the event loop with ingest and the detector, so it works in
 * slices: sites are analysed until `sliceBudgetMs` of wall-clock time is
 * spent, their findings written in one transaction, then it yields with
 * `setImmediate`. Sites are paged by id, so memory stays flat with the
 * fleet's size. Passes never overlap; a failing pass is logged and the
 * timer goes on.
 *
 * @example
 * const trends = createTrendWatch({ store, clock: systemClock, log });
 * trends.start();
 * await trends.stop();
 */
export function createTrendWatch(deps: TrendWatchDeps): TrendWatch {
  const { store, clock, log } = deps;
  const config: TrendConfig = trendConfig(deps.config);
  const reader = trendReader(store.db);
  const { job } = config;
  let timer: unknown = null;
  let running: Promise<TrendRun> | null = null;
  let started = false;
  let stopped = false;

  /** How far back each kind of reading is needed. */
  const recentSpanMs =
    Math.max(
      config.snr.recentHours,
      config.snr.currentHours,
      config.crc.recentHours,
      config.resyncs.windowHours,
    ) * hourMs;
  const baselineSpanMs = Math.max(config.snr.baselineDays, config.crc.baselineDays) * dayMs;

  /** A site's DSL readings (baseline coarser than the recent window) and hourly rollups. */
  function readSite(siteId: string, now: number): SiteReadings {
    const recentFrom = now - recentSpanMs;
    return {
      dsl: [
        ...reader.dsl(siteId, recentFrom - baselineSpanMs, recentFrom, job.baselineSampleMinutes * 60_000),
        ...reader.dsl(siteId, recentFrom, now + 1, job.recentSampleMinutes * 60_000),
      ],
      hours: reader.hours(siteId, now - config.congestion.days * dayMs, now),
    };
  }

  async function pass(): Promise<TrendRun> {
    const t0 = performance.now();
    const now = clock.now();
    const local = localHours(config.congestion.timeZone);
    const run: TrendRun = {
      sites: 0,
      holding: 0,
      opened: 0,
      cleared: 0,
      failed: 0,
      durationMs: 0,
      aborted: false,
    };
    let pending: { siteId: string; findings: TrendFinding[] }[] = [];

    const flush = () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      const changes = store.tx(() =>
        batch.map((p) => ({
          siteId: p.siteId,
          ...store.findings.sync(p.siteId, p.findings, now, job.clearAfterMinutes * 60_000),
        })),
      );
      for (const c of changes) {
        run.opened += c.opened.length;
        run.cleared += c.cleared.length;
        if (c.opened.length || c.cleared.length)
          deps.onChange?.(c.siteId, { opened: c.opened, cleared: c.cleared });
      }
    };

    let sliceStart = performance.now();
    let page = reader.sites('', job.sitesPerPage);
    while (page.length > 0 && !stopped) {
      for (const site of page) {
        if (stopped) break;
        run.sites++;
        try {
          const findings = analyseSite(readSite(site.id, now), now, config, local);
          pending.push({ siteId: site.id, findings });
          run.holding += findings.length;
        } catch (err) {
          // one unreadable site (e.g. a malformed body) must not cost every other site its findings
          run.failed++;
          log.error({ err, siteId: site.id }, 'trend analysis of a site failed');
        }
        if (performance.now() - sliceStart >= job.sliceBudgetMs) {
          flush();
          await yieldTurn();
          sliceStart = performance.now();
        }
      }
      page = reader.sites((page.at(-1) as { id: string }).id, job.sitesPerPage);
    }
    run.aborted = stopped;
    flush();
    run.durationMs = Math.round(performance.now() - t0);
    log.info(run, 'trend watch pass');
    return run;
  }

  /** A pass whose failure is logged, not thrown, so the timer keeps going. */
  const safePass = () =>
    pass().catch((err: unknown): TrendRun => {
      log.error({ err }, 'trend watch pass failed');
      return { sites: 0, holding: 0, opened: 0, cleared: 0, failed: 0, durationMs: 0, aborted: true };
    });

  function runOnce(): Promise<TrendRun> {
    const p: Promise<TrendRun> = (running ?? Promise.resolve()).then(safePass).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  }

  function arm(ms: number): void {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void runOnce().then(() => arm(job.runEveryMinutes * 60_000));
    }, ms);
  }

  return {
    runOnce,
    start() {
      if (started) return;
      started = true;
      arm(job.firstRunDelaySeconds * 1000);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
