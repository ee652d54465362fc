import { randomUUID } from 'node:crypto';
import type { RouterDsl } from '@linewatch/shared';
import { describe, expect, it, vi } from 'vitest';
import { rollup } from '../store/rollups.js';
import type { Figures } from '../testing/store.js';
import { storeWithSite } from '../testing/store.js';
import { dayMs, hourMs } from './config.js';
import { dslMeasurementAt, minuteMs } from './fixtures.js';
import { localHours } from './local-time.js';
import { createTrendWatch, type TrendClock } from './watch.js';

const now = Date.UTC(2026, 5, 15, 12);
const berlin = localHours('Europe/Berlin');
const quietLog = { info: vi.fn(), error: vi.fn() };

/** A clock whose timers only fire when the test says so. */
function manualClock(at: number) {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const clock: TrendClock = {
    now: () => at,
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
  };
  return { clock, timers };
}

/** A store with three sites over 8 days of 10-minute rounds: a falling SNR margin, a healthy line, evening congestion. */
async function fleet() {
  const { store, orgId, siteId: falling } = storeWithSite();
  const site = (name: string) =>
    store.sites.create(
      orgId,
      {
        name,
        customer: name,
        address: 'Hauptstraße 2, 10115 Berlin',
        carrier: 'Telekom',
        accessType: 'dsl',
        contract: { downMbps: 100, upMbps: 40 },
        business: false,
      },
      0,
    ).id;
  const healthy = site('Healthy');
  const congested = site('Congested');
  const fill = (siteId: string, at: (t: number) => { dsl?: Partial<RouterDsl>; f?: Figures }) => {
    const bootId = randomUUID();
    const items = [];
    for (let t = now - 8 * dayMs, seq = 1; t <= now; t += 10 * minuteMs, seq++) {
      const x = at(t);
      items.push(dslMeasurementAt(bootId, seq, t, x.dsl ?? {}, (t - (now - 30 * dayMs)) / 1000, x.f));
    }
    store.measurements.insertBatch({ orgId, siteId, agentId: `agent-${siteId}`, receivedAt: now }, items);
  };
  fill(falling, (t) => ({ dsl: { downSnrMarginDb: t < now - dayMs ? 10 : 2 } }));
  fill(healthy, () => ({}));
  fill(congested, (t) => {
    const h = berlin(t).hour;
    return { f: { latencyMs: h >= 19 && h < 23 ? 90 : 14 } };
  });
  await rollup(store.db, { fromMs: now - 9 * dayMs, toMs: now });
  return { store, orgId, sites: { falling, healthy, congested } };
}

const kinds = (store: Awaited<ReturnType<typeof fleet>>['store'], siteId: string) =>
  store.findings.open(siteId).map((f) => `${f.kind}:${f.severity}`);

describe('createTrendWatch', () => {
  it('finds, stores, refreshes and clears findings of every site', async () => {
    const { store, sites } = await fleet();
    let at = now;
    const onChange = vi.fn();
    const watch = createTrendWatch({
      store,
      clock: { ...manualClock(now).clock, now: () => at },
      log: quietLog,
      onChange,
    });

    expect(await watch.runOnce()).toMatchObject({ sites: 3, holding: 3, opened: 3, cleared: 0, failed: 0 });
    expect(kinds(store, sites.falling)).toEqual(['snr_margin_falling:warning', 'snr_margin_low:warning']);
    expect(kinds(store, sites.healthy)).toEqual([]);
    expect(kinds(store, sites.congested)).toEqual(['evening_congestion:warning']);
    expect(onChange).toHaveBeenCalledWith(sites.falling, {
      opened: ['snr_margin_falling', 'snr_margin_low'],
      cleared: [],
    });

    // an hour later the same trends hold: refreshed, nothing new
    at = now + hourMs;
    expect(await watch.runOnce()).toMatchObject({ opened: 0, cleared: 0, holding: 3 });
    expect(store.findings.open(sites.falling)[0]).toMatchObject({
      firstSeenAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now + hourMs).toISOString(),
    });

    // a month later there is nothing left to judge: everything clears
    at = now + 30 * dayMs;
    expect(await watch.runOnce()).toMatchObject({ holding: 0, cleared: 3 });
    expect(store.findings.open(sites.congested)).toEqual([]);
  });

  it('yields to the event loop between slices and gives the same result', async () => {
    const { store, sites } = await fleet();
    const watch = createTrendWatch({
      store,
      clock: manualClock(now).clock,
      log: quietLog,
      config: { job: { sliceBudgetMs: 0, sitesPerPage: 1 } },
    });
    let turns = 0;
    let done = false;
    const turn = () => {
      turns++;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    const run = await watch.runOnce();
    done = true;
    expect(run).toMatchObject({ sites: 3, opened: 3 });
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(kinds(store, sites.congested)).toEqual(['evening_congestion:warning']);
  });

  it('skips a site whose stored body is unreadable and goes on with the others', async () => {
    const { store, orgId } = await fleet();
    const broken = store.sites.create(
      orgId,
      {
        name: 'Broken',
        customer: 'Broken',
        address: 'Hauptstraße 3, 10115 Berlin',
        carrier: 'Telekom',
        accessType: 'dsl',
        contract: { downMbps: 100, upMbps: 40 },
        business: false,
      },
      0,
    );
    store.db
      .prepare(
        `INSERT INTO measurements (org_id, site_id, agent_id, boot_id, seq, t, received_at, diag_status, body)
         VALUES (?, ?, 'x', 'x', 1, ?, ?, 'up', '{broken')`,
      )
      .run(orgId, broken.id, now - 5 * minuteMs, now);
    const log = { info: vi.fn(), error: vi.fn() };
    const run = await createTrendWatch({ store, clock: manualClock(now).clock, log }).runOnce();
    expect(run).toMatchObject({ sites: 4, failed: 1, opened: 3 });
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('runs after the first delay, then hourly after each run, until stopped', async () => {
    const { store } = storeWithSite();
    const { clock, timers } = manualClock(now);
    const log = { info: vi.fn(), error: vi.fn() };
    const watch = createTrendWatch({ store, clock, log });
    watch.start();
    watch.start();
    expect(timers.map((t) => t.ms)).toEqual([60_000]);

    timers[0]?.fn();
    await vi.waitFor(() => expect(timers).toHaveLength(2));
    expect(log.info).toHaveBeenCalledOnce();
    expect(timers[1]?.ms).toBe(3_600_000);

    await watch.stop();
    expect(timers[1]?.cleared).toBe(true);
  });

  it('stop() cuts a running pass short', async () => {
    const { store } = await fleet();
    const watch = createTrendWatch({
      store,
      clock: manualClock(now).clock,
      log: quietLog,
      config: { job: { sliceBudgetMs: 0 } },
    });
    const run = watch.runOnce();
    await watch.stop();
    expect(await run).toMatchObject({ aborted: true });
    expect((await run).sites).toBeLessThan(3);
  });
});
