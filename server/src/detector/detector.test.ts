import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { type Clock, createDetector, type DetectorDeps } from './detector.js';

const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const silenceMs = 24_500;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(t0);
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(opts: Partial<DetectorDeps> = {}) {
  const { store, siteId } = storeWithSite();
  const clock: Clock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as never),
  };
  const detector = createDetector({
    store,
    clock,
    log: pino({ level: 'silent' }),
    thresholds: { confirmDelayMs: 5000 },
    onChange: () => {},
    ...opts,
  });
  detector.start({ reconnectGraceMs: 0 });
  const row = () => store.sites.getById(siteId);
  const heard = () => detector.signal(siteId, { type: 'heard', at: Date.now(), silenceMs });
  return { store, siteId, detector, row, heard };
}

describe('detector: coalesced last-seen writes', () => {
  it('writes a heard site’s last-seen time and deadline within seenFlushMs, not at once', () => {
    const { row, heard } = setup({ seenFlushMs: 1000 });
    heard(); // unknown → up: a status change, written at once
    expect(row()).toMatchObject({ status: 'up', last_seen_at: t0, down_after: t0 + silenceMs });
    vi.advanceTimersByTime(500);
    heard();
    expect(row()).toMatchObject({ last_seen_at: t0, down_after: t0 + silenceMs });
    vi.advanceTimersByTime(1000);
    expect(row()).toMatchObject({ last_seen_at: t0 + 500, down_after: t0 + 500 + silenceMs });
  });

  it('writes a lost connection’s deadline at once and turns the site down on time', () => {
    const { detector, siteId, row, heard } = setup({ seenFlushMs: 60_000 });
    heard();
    vi.advanceTimersByTime(3000);
    heard();
    vi.advanceTimersByTime(1000);
    const lostAt = Date.now();
    detector.signal(siteId, { type: 'disconnected', at: lostAt, silentAlready: false });
    expect(row()?.down_after).toBe(lostAt + 5000);
    vi.advanceTimersByTime(4999);
    expect(row()?.status).toBe('up');
    vi.advanceTimersByTime(1);
    expect(row()).toMatchObject({ status: 'down', cause: 'agent_silent', status_since: lostAt });
  });

  it('wakes at a stale stored deadline without turning a heard site down, then detects real silence', () => {
    const { store, row, heard } = setup({ seenFlushMs: 60_000 });
    heard();
    for (let i = 0; i < 2; i++) {
      vi.advanceTimersByTime(10_000);
      heard(); // only in memory: the row keeps the first deadline
    }
    const lastHeard = Date.now();
    expect(row()?.down_after).toBe(t0 + silenceMs);
    vi.advanceTimersByTime(t0 + silenceMs - Date.now() + 1);
    // The timer woke at the stale row, found the site heard since and wrote its true deadline.
    expect(row()).toMatchObject({ status: 'up', down_after: lastHeard + silenceMs });
    expect(store.sites.earliestDeadline()).toBe(lastHeard + silenceMs);
    vi.advanceTimersByTime(lastHeard + silenceMs - Date.now());
    expect(row()).toMatchObject({ status: 'down', cause: 'agent_silent', status_since: lastHeard });
  });

  it('lets queued signals of a due site arrive before its deadline counts', () => {
    let detector: ReturnType<typeof createDetector> | undefined;
    const settled: string[] = [];
    const s = setup({
      settle: (siteId) => {
        settled.push(siteId);
        detector?.signal(siteId, { type: 'heard', at: Date.now(), silenceMs });
      },
    });
    detector = s.detector;
    s.heard();
    vi.advanceTimersByTime(silenceMs);
    expect(settled).toEqual([s.siteId]);
    expect(s.row()?.status).toBe('up');
  });

  it('writes what is dirty when stopped, and a new start gives the reconnect grace', () => {
    const { store, detector, siteId, row, heard } = setup({ seenFlushMs: 60_000 });
    heard();
    vi.advanceTimersByTime(2000);
    heard();
    detector.stop();
    expect(row()).toMatchObject({ last_seen_at: t0 + 2000, down_after: t0 + 2000 + silenceMs });
    vi.advanceTimersByTime(20_000);
    const restarted = createDetector({
      store,
      clock: { now: () => Date.now(), setTimeout, clearTimeout: (h) => clearTimeout(h as never) },
      log: pino({ level: 'silent' }),
      thresholds: { confirmDelayMs: 5000 },
      onChange: () => {},
    });
    restarted.start({ reconnectGraceMs: 30_000 });
    expect(row()?.down_after).toBe(Date.now() + 30_000);
    vi.advanceTimersByTime(30_000);
    expect(restarted.state(siteId)).toMatchObject({ status: 'down', cause: 'agent_silent' });
    restarted.stop();
  });
});

describe('detector: held silence', () => {
  it('does not declare a silent site down while silence is held back, and does once it counts again', () => {
    let holding = true;
    const { detector, siteId, row, heard } = setup({
      holdSilence: (now) => (holding ? now + 10_000 : null),
    });
    heard();
    detector.signal(siteId, { type: 'disconnected', at: Date.now(), silentAlready: true });
    vi.advanceTimersByTime(60_000);
    expect(row()?.status).toBe('up');
    holding = false;
    vi.advanceTimersByTime(10_000);
    expect(row()).toMatchObject({ status: 'down', cause: 'agent_silent' });
  });
});

describe('detector: server restart', () => {
  it('gives agents the reconnect grace: one back after 59 s stays up, one that never returns goes down after it', () => {
    const first = setup();
    first.heard();
    first.detector.stop();
    // The server restarts 5 s later on the same database; the agent needs 59 s to reconnect.
    vi.advanceTimersByTime(5000);
    const restarted = createDetector({
      store: first.store,
      clock: {
        now: () => Date.now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as never),
      },
      log: pino({ level: 'silent' }),
      thresholds: { confirmDelayMs: 5000 },
      onChange: () => {},
    });
    restarted.start({ reconnectGraceMs: 90_000 });
    vi.advanceTimersByTime(59_000);
    expect(first.row()?.status).toBe('up');
    restarted.signal(first.siteId, { type: 'heard', at: Date.now(), silenceMs });
    vi.advanceTimersByTime(20_000);
    expect(first.row()?.status).toBe('up');
    // Silent from here on: down once its own deadline passes, dated from its last sign of life.
    vi.advanceTimersByTime(silenceMs);
    expect(first.row()).toMatchObject({ status: 'down', cause: 'agent_silent' });
    restarted.stop();
  });
});
