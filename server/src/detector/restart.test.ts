import { reconnectDelayMs } from '@linewatch/shared';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, openDb } from '../store/index.js';
import { fleet, seeded } from '../testing/fleet.js';
import { type Clock, createDetector } from './detector.js';
import { createSilenceHold } from './silence-hold.js';

/**
 * Issue 5, acceptance 1, last case: a server restart with a whole fleet
 * reconnecting over the following minute. Time is injected (fake timers);
 * the real store, detector and uplink guard run. Before the restart every
 * agent was heard; the server is away `awayMs`; then each agent comes back
 * at its reconnect time (or never) and is heard every 10 s from then on.
 */
const t0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const silenceMs = 24_500; // keepalive 15 s: 1.5 × 15 s + 2 s
const graceMs = 90_000;
const log = pino({ level: 'silent' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(t0);
});
afterEach(() => {
  vi.useRealTimers();
});

const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as never),
};

/** When each agent reconnects, ms after the server is back; null: never. */
type Plan = (i: number, rng: () => number) => number | null;

/** Back at a moment spread evenly at random over the first minute. */
const withinMinute: Plan = (_i, rng) => Math.floor(rng() * 60_000);

/**
 * Back as the real agent reconnects: attempts from the moment the server
 * went away (`awayMs` before it was back), each refused until it is back.
 */
const byBackoff =
  (awayMs: number): Plan =>
  (_i, rng) => {
    let t = 0;
    while (t < awayMs) t += reconnectDelayMs(t, rng());
    return t - awayMs;
  };

interface Outcome {
  /** Sites stored down at any moment, in site order. */
  down: number[];
  /** When each down was stored, ms after the server was back. */
  storedAfterMs: number[];
  /** Whether every down is dated from its agent's last sign of life before the restart. */
  datedFromLastSeen: boolean;
  lastReturnMs: number;
}

function replay(n: number, awayMs: number, plan: Plan, guard: boolean, seed = 7): Outcome {
  const store = createStore(openDb(':memory:'));
  const ids = fleet(store, n);
  const rng = seeded(seed);
  const before = createDetector({
    store,
    clock,
    log,
    thresholds: { confirmDelayMs: 8000 },
    onChange: () => {},
  });
  before.start({ reconnectGraceMs: 0 });
  // Every agent heard, each at its own moment of the last 10 s.
  const lastSeen = ids.map((_, i) => t0 + Math.floor((i * 10_000) / n));
  vi.advanceTimersByTime(10_000);
  ids.forEach((id, i) => {
    before.signal(id, { type: 'heard', at: lastSeen[i] as number, silenceMs });
  });
  before.stop();

  vi.advanceTimersByTime(awayMs);
  const backAt = Date.now();
  const hold = createSilenceHold({ store, log, now: () => Date.now(), uplinkTargets: [] });
  const stored = new Map<string, number>();
  const after = createDetector({
    store,
    clock,
    log,
    thresholds: { confirmDelayMs: 8000 },
    ...(guard ? { holdSilence: hold.holdSilence } : {}),
    onChange: (id) => {
      if (store.sites.getById(id)?.status === 'down') stored.set(id, Date.now() - backAt);
    },
  });
  after.start({ reconnectGraceMs: graceMs });

  // Each returning agent: connected, then heard every 10 s until the end.
  const returns = ids.map((_, i) => plan(i, rng));
  const end = backAt + graceMs + 120_000;
  const events = ids
    .flatMap((id, i) => {
      const r = returns[i];
      if (r === null || r === undefined) return [];
      const times: { at: number; id: string; first: boolean }[] = [];
      for (let at = backAt + r; at < end; at += 10_000) times.push({ at, id, first: at === backAt + r });
      return times;
    })
    .sort((a, b) => a.at - b.at);
  for (const e of events) {
    vi.advanceTimersByTime(e.at - Date.now());
    if (e.first) hold.agentConnected(e.id);
    after.signal(e.id, { type: 'heard', at: e.at, silenceMs });
  }
  vi.advanceTimersByTime(end - Date.now());
  after.stop();

  // Every site that went down at any moment (one that came back later is up again by now).
  const downs = ids.map((id) => store.transitions.forSite(id).filter((t) => t.new_status === 'down'));
  const down = downs.flatMap((d, i) => (d.length > 0 ? [i] : []));
  const datedFromLastSeen = down.every((i) => downs[i]?.every((t) => t.at === lastSeen[i]));
  const back = returns.filter((r): r is number => r !== null);
  return {
    down,
    storedAfterMs: down.map((i) => stored.get(ids[i] as string) ?? -1),
    datedFromLastSeen,
    lastReturnMs: Math.max(0, ...back),
  };
}

/** The rows: the fleet, how long the server was away, when agents return, what must follow. */
type Row = [string, number, number, Plan, { down: number[]; lastReturnOverMs?: number }];
const missing = new Set([3, 17, 42, 77, 101, 118]);
const rows: Row[] = [
  [
    '120 agents back at random within 60 s: none down',
    120,
    5000,
    withinMinute,
    { down: [], lastReturnOverMs: 55_000 },
  ],
  [
    '120 agents back by their own backoff after the server was away 60 s: none down',
    120,
    60_000,
    byBackoff(60_000),
    { down: [], lastReturnOverMs: 30_000 },
  ],
  [
    'an agent back 89 s after the restart, just inside the grace: not down',
    120,
    5000,
    (i, rng) => (i === 5 ? 89_000 : withinMinute(i, rng)),
    { down: [] },
  ],
  [
    '114 back within 60 s, 6 never: exactly those 6 down, when the grace ends',
    120,
    5000,
    (i, rng) => (missing.has(i) ? null : withinMinute(i, rng)),
    { down: [...missing] },
  ],
];

function check(outcome: Outcome, expected: Row[4]): void {
  expect(outcome.down).toEqual(expected.down);
  if (expected.down.length > 0) {
    // At the end of the grace (the detector's timer fires then), not before, not long after.
    for (const ms of outcome.storedAfterMs) {
      expect(ms).toBeGreaterThanOrEqual(graceMs);
      expect(ms).toBeLessThanOrEqual(graceMs + 1000);
    }
    expect(outcome.datedFromLastSeen).toBe(true);
  }
  if (expected.lastReturnOverMs !== undefined) {
    // The sequence really is spread out over most of the minute.
    expect(outcome.lastReturnMs).toBeGreaterThan(expected.lastReturnOverMs);
    expect(outcome.lastReturnMs).toBeLessThan(graceMs);
  }
}

describe('a server restart with the fleet reconnecting over a minute', () => {
  describe('the reconnect grace alone', () => {
    it.each(rows)('%s', (_name, n, awayMs, plan, expected) => {
      check(replay(n, awayMs, plan, false), expected);
    });
  });

  describe('with the uplink guard', () => {
    it.each<Row>([
      ...rows,
      [
        'nobody back (the restarted server is cut off): nobody declared down',
        120,
        5000,
        () => null,
        { down: [] },
      ],
    ])('%s', (_name, n, awayMs, plan, expected) => {
      check(replay(n, awayMs, plan, true), expected);
    });
  });
});
