import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import { type DetectorThresholds, next, type Signal, type SiteLiveState } from './site-state.js';

/** setTimeout's limit: longer delays fire at once, so clamp. */
const maxTimerMs = 2 ** 31 - 1;
/** How long a heard site's new last-seen time and deadline may wait in memory before they are written, in ms. */
const defaultSeenFlushMs = 1000;
/** Sites written per transaction, so one flush holds the event loop only a few ms. */
const maxSeenPerTransaction = 2000;

/** Whether deadline `a` comes before `b` (null = none, i.e. never). */
const earlier = (a: number | null, b: number | null) => a !== null && (b === null || a < b);

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
  /** See {@link defaultSeenFlushMs}. */
  seenFlushMs?: number;
  /**
   * Called for each site whose deadline came, before it counts: signals
   * about the site still on their way (messages queued for their
   * transaction) are delivered now, so a message that arrived before the
   * deadline is heard before it.
   */
  settle?(siteId: string): void;
  /**
   * Whether the silence of `siteIds`, due at `now`, counts: returns a later
   * time to look again when silence-based downs are held back (the server's
   * own uplink may be down — see `uplink-guard.ts`), else null.
   */
  holdSilence?(now: number, siteIds: readonly string[]): number | null;
}

/**
 * Turns signals into stored status changes. Each site's deadline lives in
 * `sites.down_after`; one timer waits for the earliest (an indexed query),
 * so no periodic scan over all sites runs.
 *
 * Memory is the truth, the row follows, and a stored deadline is never
 * later than the one in memory:
 * 1. a status change is written at once, with its transition row, and so
 *    is a deadline that moved earlier (a lost connection);
 * 2. a deadline that moved later — hearing the agent: every message, every
 *    PINGREQ — only marks the site dirty; dirty sites are written together,
 *    in one transaction, at most `seenFlushMs` later;
 * 3. so the deadline timer may wake early, never late: it re-checks each
 *    due site against memory, writes the true deadline of those not due
 *    and waits for the next;
 * 4. after a crash the stored deadlines are at most `seenFlushMs` early,
 *    and `start` pushes every deadline past the reconnect grace anyway;
 *    `stop` writes what is dirty, so a clean shutdown loses nothing.
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
  const seenFlushMs = deps.seenFlushMs ?? defaultSeenFlushMs;
  /** Sites whose last-seen time and deadline in memory are newer than their row. */
  const dirty = new Set<string>();
  let flushTimer: unknown = null;

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
      dirty.delete(siteId);
      log.info(
        { siteId, from: change.from, to: change.to, cause: change.cause, reason: change.reason },
        'site status changed',
      );
    } else if (earlier(after.downAfter, before.downAfter)) {
      store.sites.setSeen(siteId, after.lastSeenAt, after.downAfter);
      dirty.delete(siteId);
    } else if (after.lastSeenAt !== before.lastSeenAt || after.downAfter !== before.downAfter) {
      dirty.add(siteId);
      if (flushTimer === null && !stopped) flushTimer = clock.setTimeout(flushSeen, seenFlushMs);
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

  /** Writes the last-seen time and deadline of `ids` in one transaction. */
  function writeSeen(ids: readonly string[]): void {
    if (ids.length === 0) return;
    store.tx(() => {
      for (const id of ids) {
        const s = states.get(id);
        if (s) store.sites.setSeen(id, s.lastSeenAt, s.downAfter);
      }
    });
    for (const id of ids) dirty.delete(id);
  }

  /** Writes dirty sites, `maxSeenPerTransaction` per transaction, the rest at the next turn. */
  function flushSeen(): void {
    flushTimer = null;
    try {
      writeSeen([...dirty].slice(0, maxSeenPerTransaction));
    } catch (err) {
      log.error({ err, sites: dirty.size }, 'last-seen times not written; trying again');
    }
    if (dirty.size > 0 && !stopped)
      flushTimer = clock.setTimeout(flushSeen, dirty.size > maxSeenPerTransaction ? 0 : seenFlushMs);
  }

  /** Moves a site's silence deadline to `until` without judging it (the silence is held back). */
  function postpone(siteId: string, until: number): void {
    const s = stateOf(siteId);
    if (!s || s.downAfter === null) return;
    s.downAfter = Math.max(s.downAfter, until);
    store.sites.setSeen(siteId, s.lastSeenAt, s.downAfter);
  }

  function fire(): void {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    const now = clock.now();
    const due = store.sites.due(now);
    if (deps.settle) for (const siteId of due) deps.settle(siteId);
    // Of the due rows, the sites really silent now (not heard since, not already down for it).
    const silent = due.filter((id) => {
      const s = stateOf(id);
      return (
        s?.downAfter != null && s.downAfter <= now && !(s.status === 'down' && s.cause === 'agent_silent')
      );
    });
    const holdUntil = silent.length > 0 ? (deps.holdSilence?.(now, silent) ?? null) : null;
    const held = new Set(holdUntil === null ? [] : silent);
    if (holdUntil !== null) {
      store.tx(() => {
        for (const siteId of silent) postpone(siteId, holdUntil);
      });
    }
    for (const siteId of due) if (!held.has(siteId)) apply(siteId, { type: 'deadline', at: now });
    // A due row whose site was heard since is only stale: write its true deadline (step 3 above).
    writeSeen(due.filter((id) => dirty.has(id)));
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
    /** Stops the timers and writes what is dirty. */
    stop(): void {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      if (flushTimer !== null) clock.clearTimeout(flushTimer);
      timer = null;
      flushTimer = null;
      writeSeen([...dirty]);
    },
  };
}
export type Detector = ReturnType<typeof createDetector>;
