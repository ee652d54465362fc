import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { type Clock, createDetector } from './detector.js';

/**
 * A server restart as a fleet sees it (issue 5, acceptance 1): 120 agents
 * were connected; the server is gone for 5 s; the agents come back spread
 * over 60 s (their reconnect backoff), some with a blip on the way; a few
 * never come back. Recorded as one signal table, replayed with fake time.
 */

const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
/** The agents' silence allowance: 10 s rounds + keepalive slack. */
const silenceMs = 24_500;
const graceMs = 90_000;
const second = 1000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(t0);
});
afterEach(() => vi.useRealTimers());

const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as never),
};

type Row = { at: number; site: number; signal: 'heard' | 'dropped' };

/**
 * The recorded sequence after the restart at `restartAt`: site i reconnects
 * at a spread-out moment within 60 s and reports every 10 s from then on;
 * every 7th drops its fresh connection once and reconnects 3 s later; the
 * last `lost` sites never return.
 */
function recording(sites: number, lost: number, restartAt: number, untilMs: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < sites - lost; i++) {
    const back = restartAt + Math.round(((i * 37) % 60) * second + (i % 5) * 200);
    for (let at = back; at < restartAt + untilMs; at += 10 * second)
      rows.push({ at, site: i, signal: 'heard' });
    if (i % 7 === 0) {
      rows.push({ at: back + 2 * second, site: i, signal: 'dropped' });
      rows.push({ at: back + 5 * second, site: i, signal: 'heard' });
    }
  }
  return rows.sort((a, b) => a.at - b.at || a.site - b.site);
}

describe('detector: a server restart with the whole fleet reconnecting over 60 s', () => {
  it('turns no returning site down, and the never-returning ones down once the grace is over', () => {
    const { store, orgId, siteId } = storeWithSite();
    const siteIds = [siteId];
    for (let i = 1; i < 120; i++) {
      siteIds.push(
        store.sites.create(
          orgId,
          {
            name: `Site ${i}`,
            customer: `Kunde ${i}`,
            address: `Hauptstraße ${i}, 10115 Berlin`,
            carrier: i % 2 ? 'Telekom' : 'Vodafone',
            accessType: 'dsl',
            contract: { downMbps: 100, upMbps: 40 },
            business: false,
          },
          t0,
        ).id,
      );
    }
    const changes: string[] = [];
    const make = () =>
      createDetector({
        store,
        clock,
        log: pino({ level: 'silent' }),
        thresholds: { confirmDelayMs: 5000 },
        onChange: (id) => changes.push(id),
      });

    // 1. Before the restart every agent is connected and heard.
    const before = make();
    before.start({ reconnectGraceMs: 0 });
    for (const id of siteIds) before.signal(id, { type: 'heard', at: Date.now(), silenceMs });
    vi.advanceTimersByTime(2 * second);
    before.stop();
    expect(store.sites.list(orgId).every((s) => s.status === 'up')).toBe(true);
    changes.length = 0; // unknown → up of the first contact

    // 2. The server is gone for 5 s, then starts again with the reconnect grace.
    vi.advanceTimersByTime(5 * second);
    const restartAt = Date.now();
    const after = make();
    after.start({ reconnectGraceMs: graceMs });
    const lost = 6;
    for (const row of recording(siteIds.length, lost, restartAt, 3 * 60 * second)) {
      vi.advanceTimersByTime(row.at - Date.now());
      const id = siteIds[row.site] as string;
      after.signal(
        id,
        row.signal === 'heard'
          ? { type: 'heard', at: row.at, silenceMs }
          : { type: 'disconnected', at: row.at, silentAlready: false },
      );
    }
    vi.advanceTimersByTime(restartAt + 3 * 60 * second - Date.now());
    after.stop();

    const byId = new Map(store.sites.list(orgId).map((s) => [s.id, s]));
    const returning = siteIds.slice(0, -lost);
    const gone = siteIds.slice(-lost);
    expect(returning.filter((id) => byId.get(id)?.status !== 'up')).toEqual([]);
    expect(gone.map((id) => [byId.get(id)?.status, byId.get(id)?.cause])).toEqual(
      gone.map(() => ['down', 'agent_silent']),
    );
    // Only the lost sites changed status, each once, and none before the grace ended.
    expect([...new Set(changes)].sort()).toEqual([...gone].sort());
    expect(changes).toHaveLength(lost);
    const downs = gone.flatMap((id) => store.transitions.forSite(id)).filter((r) => r.new_status === 'down');
    expect(downs).toHaveLength(lost);
    expect(downs.every((r) => r.created_at >= restartAt + graceMs)).toBe(true);
    // …dated from their last sign of life before the restart, not from the end of the grace.
    expect(downs.every((r) => r.at < restartAt)).toBe(true);
  });
});
