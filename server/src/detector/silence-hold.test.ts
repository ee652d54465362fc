import type { DetectionState } from '@linewatch/shared';
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
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(t0);
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(n: number) {
  const store = createStore(openDb(':memory:'));
  const ids = fleet(store, n);
  const log = pino({ level: 'silent' });
  const changes: DetectionState[] = [];
  const hold = createSilenceHold({
    store,
    log,
    now: () => Date.now(),
    uplinkTargets: [],
    onDetectionChange: (s) => changes.push(s),
  });
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
  return { ids, detector, downAt, expire, hold, changes };
}

describe('the detector with the uplink guard', () => {
  it('turns a line cut silently down 1 s after its keepalive expired', () => {
    const { ids, downAt, expire, hold, changes } = setup(200);
    vi.advanceTimersByTime(5000);
    const expiredAt = Date.now();
    expire(ids[7] as string);
    vi.advanceTimersByTime(5000);
    expect([...downAt]).toEqual([[ids[7], expiredAt + defaultUplinkGuardConfig.lookMs]]);
    // One line is no reason to think the server cut off.
    expect(changes).toEqual([]);
    expect(hold.detection()).toEqual({ state: 'normal', reason: null, since: null });
  });

  it('turns nobody down when every agent’s keepalive expires within 15 s (the server is cut off)', () => {
    const { ids, detector, downAt, expire, hold, changes } = setup(200);
    vi.advanceTimersByTime(5000);
    const firstExpiry = Date.now();
    // Expiries in random order, 75 ms apart: 15 s for the fleet (keepalive 15 s).
    const order = [...ids].sort((a, b) => a.localeCompare(b));
    for (const id of order) {
      expire(id);
      vi.advanceTimersByTime(75);
    }
    vi.advanceTimersByTime(120_000);
    expect(downAt.size).toBe(0);
    expect(detector.state(ids[0] as string)).toMatchObject({ status: 'up' });
    // The dashboards are told the server looks cut off, since the silence began…
    expect(changes).toEqual([
      { state: 'cut_off', reason: 'mass_silence', since: new Date(firstExpiry).toISOString() },
    ]);
    // …and that it is over once the boxes come back.
    hold.agentConnected(ids[0] as string);
    expect(changes.at(-1)).toEqual({ state: 'normal', reason: null, since: null });
    expect(hold.detection().state).toBe('normal');
  });

  it('says the server is cut off while its own uplink probes all fail, and not once one answers', async () => {
    const store = createStore(openDb(':memory:'));
    let failing = true;
    const changes: DetectionState[] = [];
    const hold = createSilenceHold({
      store,
      log: pino({ level: 'silent' }),
      now: () => Date.now(),
      uplinkTargets: ['192.0.2.1:443'],
      probe: async () => failing,
      onDetectionChange: (s) => changes.push(s),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(hold.detection()).toEqual({
      state: 'cut_off',
      reason: 'uplink_probes_failing',
      since: new Date(t0).toISOString(),
    });
    failing = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(changes.map((c) => c.state)).toEqual(['cut_off', 'normal']);
    hold.stop();
  });
});
