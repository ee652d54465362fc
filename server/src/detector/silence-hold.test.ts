import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, openDb } from '../store/index.js';
import { fleet } from '../testing/fleet.js';
import { type Clock, createDetector } from './detector.js';
import { createSilenceHold } from './silence-hold.js';
import { defaultUplinkGuardConfig } from './uplink-guard.js';

/**
 * The detector with the uplink guard wired in as the server wires it
 * (time injected): keepalive expiries of a silent cut on the server's side
 * turn nobody down; a single line cut silently is down 1 s after its expiry.
 */
const t0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const silenceMs = 24_500;
const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as never),
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(t0);
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(n: number) {
  const store = createStore(openDb(':memory:'));
  const ids = fleet(store, n);
  const log = pino({ level: 'silent' });
  const hold = createSilenceHold({ store, log, now: () => Date.now(), uplinkTargets: [] });
  const downAt = new Map<string, number>();
  const detector = createDetector({
    store,
    clock,
    log,
    thresholds: { confirmDelayMs: 8000 },
    holdSilence: hold.holdSilence,
    onChange: (id) => {
      if (store.sites.getById(id)?.status === 'down') downAt.set(id, Date.now());
    },
  });
  detector.start({ reconnectGraceMs: 0 });
  for (const id of ids) {
    hold.agentConnected(id);
    detector.signal(id, { type: 'heard', at: Date.now(), silenceMs });
  }
  /** The broker's keepalive timer of `id`'s agent expired now. */
  const expire = (id: string) => {
    hold.agentLost(id, id, true);
    detector.signal(id, { type: 'disconnected', at: Date.now(), silentAlready: true });
  };
  return { ids, detector, downAt, expire };
}

describe('the detector with the uplink guard', () => {
  it('turns a line cut silently down 1 s after its keepalive expired', () => {
    const { ids, downAt, expire } = setup(200);
    vi.advanceTimersByTime(5000);
    const expiredAt = Date.now();
    expire(ids[7] as string);
    vi.advanceTimersByTime(5000);
    expect([...downAt]).toEqual([[ids[7], expiredAt + defaultUplinkGuardConfig.lookMs]]);
  });

  it('turns nobody down when every agent’s keepalive expires within 15 s (the server is cut off)', () => {
    const { ids, detector, downAt, expire } = setup(200);
    vi.advanceTimersByTime(5000);
    // Expiries in random order, 75 ms apart: 15 s for the fleet (keepalive 15 s).
    const order = [...ids].sort((a, b) => a.localeCompare(b));
    for (const id of order) {
      expire(id);
      vi.advanceTimersByTime(75);
    }
    vi.advanceTimersByTime(120_000);
    expect(downAt.size).toBe(0);
    expect(detector.state(ids[0] as string)).toMatchObject({ status: 'up' });
  });
});
