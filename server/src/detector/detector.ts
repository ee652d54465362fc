import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import { type DetectorThresholds, next, type Signal, type SiteLiveState } from './site-state.js';

/** setTimeout's limit: longer delays fire at once, so clamp. */
const maxTimerMs = 2 ** 31 - 1;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface DetectorDeps {
  store: Store;
  clock: Clock;
  thresholds: DetectorThresholds;
  log: Logger;
  /** Called after a site's status changed and was stored. */
  onChange(siteId: string): void;
}

/**
 * Turns signals into stored status changes. Each site's deadline lives in
 * `sites.down_after`; one timer waits for the earliest (an indexed query),
 * so no periodic scan over all sites runs.
 *
 * @example
 * const detector = createDetector(deps);
 * detector.start({ reconnectGraceMs: 30_000 });
 * detector.signal(siteId, { type: 'heard', at: Date.now(), silenceMs: 24_500 });
 */
export function createDetector(deps: DetectorDeps) {
  const { store, clock, thresholds, log } = deps;
  const states = new Map<string, SiteLiveState & { orgId: string }>();
  let timer: unknown = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let stopped = false;

  const fromRow = (r: SiteRow): SiteLiveState & { orgId: string } => ({
    orgId: r.org_id,
    status: r.status,
    cause: r.cause,
    since: r.status_since,
    lastSeenAt: r.last_seen_at,
    downAfter: r.down_after,
    connected: false,
    lostAt: null,
  });

  function stateOf(siteId: string) {
    let s = states.get(siteId);
    if (!s) {
      const row = store.sites.getById(siteId);
      if (!row) return undefined;
      s = fromRow(row);
      states.set(siteId, s);
    }
    return s;
  }

  function apply(siteId: string, signal: Signal): void {
    const before = stateOf(siteId);
    if (!before) return;
    const { state, change } = next(before, signal, thresholds);
    const after = { ...state, orgId: before.orgId };
    states.set(siteId, after);
    const now = clock.now();
    if (change) {
      store.tx(() => {
        store.sites.setStatus(siteId, after);
        store.transitions.insert({ siteId, orgId: after.orgId, ...change }, now);
      });
      log.info(
        { siteId, from: change.from, to: change.to, cause: change.cause, reason: change.reason },
        'site status changed',
      );
    } else if (after.lastSeenAt !== before.lastSeenAt || after.downAfter !== before.downAfter) {
      store.sites.setSeen(siteId, after.lastSeenAt, after.downAfter);
    }
    if (change) deps.onChange(siteId);
    if (after.downAfter !== null && after.downAfter < timerAt) schedule(after.downAfter);
  }

  function schedule(at: number): void {
    if (stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(fire, Math.min(maxTimerMs, Math.max(0, at - clock.now())));
  }

  function fire(): void {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    const now = clock.now();
    for (const siteId of store.sites.due(now)) apply(siteId, { type: 'deadline', at: now });
    const earliest = store.sites.earliestDeadline();
    if (earliest !== null && earliest < timerAt) schedule(earliest);
  }

  return {
    /**
     * Loads every site and gives agents `reconnectGraceMs` to reconnect
     * before silence counts, so a server restart does not declare the
     * whole fleet down.
     */
    start(opts: { reconnectGraceMs: number }): void {
      const now = clock.now();
      const graceUntil = now + opts.reconnectGraceMs;
      store.tx(() => {
        for (const row of store.sites.all()) {
          const s = fromRow(row);
          if (s.downAfter !== null && s.downAfter < graceUntil) {
            s.downAfter = graceUntil;
            store.sites.setSeen(row.id, s.lastSeenAt, s.downAfter);
          }
          states.set(row.id, s);
        }
      });
      const earliest = store.sites.earliestDeadline();
      if (earliest !== null) schedule(earliest);
    },
    signal: apply,
    /** The detector's view of a site, for tests and diagnostics. */
    state: (siteId: string) => states.get(siteId),
    stop(): void {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
export type Detector = ReturnType<typeof createDetector>;
