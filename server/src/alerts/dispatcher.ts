import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { defaultGroupingConfig, type GroupingConfig } from '../incidents/area-grouping.js';
import type { Store } from '../store/index.js';
import type { Channel, ChannelDeps, OutgoingMessage } from './channel.js';
import { costOf, createChannelCache } from './channel-cache.js';
import type { AlertConfig } from './config.js';
import { recordFailure, recordSuccess, recoverStuck } from './delivery.js';
import { type CheckFacts, checkBeforeSend, checkLimits, type Decision } from './dispatch-checks.js';
import { groupingCandidate, neighboursFailing } from './grouping-hold.js';
import { incidentSites, messageFacts } from './message-facts.js';
import type { AlertStore } from './store/index.js';
import type { NotificationRow } from './store/notifications.js';
import { defaultPolicy } from './store/policies.js';
import { renderMessage } from './templates.js';
import { testSend } from './test-send.js';

/**
 * Sends what is due from the outbox. Healthchecks' model: rows are claimed
 * with a compare-and-set UPDATE (pending and due → sending, with a claim
 * token), re-checked against the facts of the moment, rendered, sent, and
 * the outcome recorded with a compare-and-set on the token. One timer for
 * the earliest due row (an indexed MIN query), no polling; the clock and
 * timers are injected.
 */

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface DispatcherDeps {
  store: Store;
  alertStore: AlertStore;
  config: AlertConfig;
  now(): number;
  log: Logger;
  /** Passed to every channel (tests point providers at loopback servers). */
  channelDeps?: ChannelDeps;
  timers?: Timers;
  /** The acknowledge links' HMAC key. */
  ackKey(): Buffer;
  grouping?: GroupingConfig;
}

/** A row ready to go: claimed, checked, rendered. */
interface Prepared {
  row: NotificationRow;
  token: string;
  channel: Channel;
  message: OutgoingMessage;
}

const systemTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Longest single sleep, so a changed wall clock is noticed within it. */
const maxSleepMs = 5 * 60_000;
/** Wait after a failed run before the next. */
const errorPauseMs = 5_000;
/** On stop, in-flight sends get this long before they are cancelled. */
const stopGraceMs = 5_000;

export function createDispatcher(deps: DispatcherDeps) {
  const { store, alertStore, config, log } = deps;
  const { notifications } = alertStore;
  const timers = deps.timers ?? systemTimers;
  const channels = createChannelCache(deps.channelDeps);
  const canGroup = groupingCandidate(store.db, deps.grouping ?? defaultGroupingConfig);
  const failingAround = neighboursFailing(store.db);
  const abort = new AbortController();
  let timer: unknown = null;
  let started = false;
  let stopping = false;
  let running: Promise<number> | null = null;
  let again = false;
  /** After a failed run (the database, a bug), the next one waits at least this long: no hot loop. */
  let pauseMs = 0;

  function apply(
    row: NotificationRow,
    token: string,
    d: Exclude<Decision, { do: 'send' }>,
    now: number,
  ): void {
    if (d.do === 'wait') notifications.reschedule(row.id, token, d.until, d.reason, now, true);
    else {
      const state = d.do === 'supersede' ? 'superseded' : d.do === 'suppress' ? 'suppressed' : 'failed';
      notifications.settle(row.id, token, { state, error: d.reason }, now);
    }
  }

  /** Checks and renders a claimed row: ready to send, or settled (dropped, held, failed). */
  function ready(row: NotificationRow, token: string, now: number): Prepared | 'handled' {
    const stored = alertStore.channels.get(row.org_id, row.channel_id);
    const incident = row.incident_id ? store.incidents.get(row.incident_id) : undefined;
    const sites = incidentSites(store, incident);
    const paging = row.kind !== 'customer' && row.kind !== 'customer_recovery' && row.kind !== 'test';
    const facts: CheckFacts = {
      row,
      now,
      config,
      incident,
      channel: stored,
      policy: row.policy_id
        ? alertStore.policies.byId(row.policy_id)
        : paging
          ? defaultPolicy(config.language)
          : undefined,
      business: sites.some((s) => s.business === 1),
      siteCount: sites.length,
      failingNeighbours:
        row.kind === 'alert' && incident?.kind === 'site' && canGroup(sites[0])
          ? failingAround(sites[0], row.created_at - config.groupingHoldMs)
          : 0,
      incidentRows: row.incident_id ? notifications.ofIncident(row.incident_id) : [],
    };
    const before = checkBeforeSend(facts);
    if (before.do !== 'send' || !stored) {
      if (before.do !== 'send') apply(row, token, before, now);
      return 'handled';
    }
    const channel = channels.channelFor(stored, row);
    const message = renderMessage(messageFacts(deps, row, stored, incident, sites, now));
    const cost = costOf(stored.settings, message);
    const limits = checkLimits(facts, cost, (since) => notifications.spent(stored.id, since, row.id));
    if (limits.do !== 'send') {
      apply(row, token, limits, now);
      return 'handled';
    }
    notifications.setCost(row.id, cost, { sites: sites.length });
    return { row, token, channel, message };
  }

  /**
   * Claims the next due row and readies it, in one write transaction (so
   * two processes cannot both spend the last of a budget). Rows the checks
   * drop are settled on the way; a row that cannot be readied (a bug, bad
   * stored settings) is failed with the reason rather than retried forever.
   * Null when nothing is due.
   */
  function prepareNext(): Prepared | null {
    for (;;) {
      const token = randomUUID();
      const outcome = alertStore.immediate((): Prepared | 'handled' | null => {
        const now = deps.now();
        const row = notifications.claim(token, now);
        if (!row) return null;
        try {
          return ready(row, token, now);
        } catch (err) {
          log.error({ err, notificationId: row.id }, 'notification could not be prepared');
          apply(row, token, { do: 'fail', reason: `could not be prepared: ${(err as Error).message}` }, now);
          return 'handled';
        }
      });
      if (outcome !== 'handled') return outcome;
    }
  }

  async function deliver(p: Prepared): Promise<boolean> {
    const { row, token, channel } = p;
    const idempotencyKey = row.idempotency_key;
    try {
      const result = await channel.send(p.message, {
        target: row.target,
        idempotencyKey,
        signal: abort.signal,
      });
      if (!recordSuccess(alertStore, row, token, result, deps.now()))
        log.warn({ notificationId: row.id }, 'notification sent, but its claim was taken over meanwhile');
      return true;
    } catch (err) {
      const outcome = recordFailure(alertStore, config, row, token, err, {
        idempotency: channel.idempotency,
        now: deps.now(),
        retry: true,
      });
      log.warn(
        { notificationId: row.id, kind: row.kind, err: (err as Error).message, outcome },
        'notification not sent',
      );
      return false;
    }
  }

  /** Sends everything due, `concurrency` at a time; returns how many sends were tried. */
  async function drain(): Promise<number> {
    let tried = 0;
    const inflight = new Set<Promise<unknown>>();
    for (;;) {
      while (inflight.size < config.concurrency && !stopping) {
        const next = prepareNext();
        if (!next) break;
        tried++;
        const sending: Promise<unknown> = deliver(next).finally(() => inflight.delete(sending));
        inflight.add(sending);
      }
      if (inflight.size === 0) return tried;
      await Promise.race(inflight);
    }
  }

  function arm(): void {
    if (!started || stopping) return;
    if (timer !== null) timers.clear(timer);
    timer = null;
    const next = notifications.earliestDue();
    if (next === null) return;
    const delay = Math.min(Math.max(pauseMs, next - deps.now()), maxSleepMs);
    timer = timers.set(() => {
      timer = null;
      void dispatcher.runDue();
    }, delay);
  }

  const dispatcher = {
    /**
     * Sends every row due now (and those that fall due meanwhile), then arms
     * the timer for the next. Concurrent calls share one run.
     */
    async runDue(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let tried = 0;
        do {
          again = false;
          tried += await drain();
        } while (again && !stopping);
        return tried;
      })();
      try {
        const tried = await running;
        pauseMs = 0;
        return tried;
      } catch (err) {
        log.error({ err }, 'alert dispatch failed');
        pauseMs = errorPauseMs;
        return 0;
      } finally {
        running = null;
        arm();
      }
    },
    /** New rows were planned: look again at the earliest due time (deferred: callers may be mid-transaction). */
    wake(): void {
      if (started) queueMicrotask(arm);
    },
    /** Recovers rows a stopped process left in `sending`, then starts the timer. */
    start(): void {
      const recovered = recoverStuck(alertStore, deps.now());
      if (recovered)
        log.warn({ recovered }, 'notifications left in sending by a stopped server were recovered');
      started = true;
      arm();
    },
    /** Stops the timer; sends in flight get a short grace, then are cancelled (and count as ambiguous). */
    async stop(): Promise<void> {
      stopping = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
      const current = running;
      if (!current) return;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, stopGraceMs).unref());
      await Promise.race([current, grace]);
      abort.abort();
      await current;
    },
    /**
     * Sends a test message through a channel to each of its targets now,
     * recorded like any other notification (kind `test`, never retried), and
     * returns the providers' answers. Null when there is no such channel.
     */
    testSend: (orgId: string, channelId: string, lang = config.language) =>
      testSend({ ...deps, channels, signal: abort.signal }, orgId, channelId, lang),
  };
  return dispatcher;
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
