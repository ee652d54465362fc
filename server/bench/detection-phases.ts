/**
 * The phases of the detection benchmark (see `detection.ts`): each acts on
 * the simulated lines and measures what the server made of it through the
 * board's live feed and the API.
 */
import { performance } from 'node:perf_hooks';
import type { Incident } from '@linewatch/shared';
import type { CutMode } from '../sim/link.js';
import { type LiveFeed, openLiveFeed } from '../sim/live-feed.js';
import type { Subject } from './detection-setup.js';
import { delta, scrape } from './prom.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The server's longest event-loop stall since the previous scrape (it resets at each). */
const lagMax = 'linewatch_nodejs_eventloop_lag_max_seconds';

/** `n` distinct subjects in random order. */
export const sample = <T>(list: readonly T[], n: number): T[] =>
  [...list]
    .map((x) => ({ x, r: Math.random() }))
    .sort((a, b) => a.r - b.r)
    .slice(0, n)
    .map((e) => e.x);

export interface CutResult {
  latenciesMs: number[];
  /** The stored start of the outage minus the moment of the cut, ms. */
  sinceErrorsMs: number[];
  missed: number;
}

/** Cuts each subject's line at a random moment of `windowMs`; restores each once its site is down. */
export async function cutPhase(
  subjects: Subject[],
  feed: LiveFeed,
  mode: CutMode,
  windowMs: number,
  timeoutMs: number,
): Promise<CutResult> {
  const r: CutResult = { latenciesMs: [], sinceErrorsMs: [], missed: 0 };
  await Promise.all(
    subjects.map(async (s) => {
      await sleep(Math.random() * windowMs);
      const down = feed.next(s.siteId, (site) => site.status === 'down', timeoutMs);
      const wall = Date.now();
      const t0 = performance.now();
      s.link.cut(mode);
      const change = await down;
      if (change) {
        r.latenciesMs.push(change.at - t0);
        r.sinceErrorsMs.push(Date.parse(change.site.since) - wall);
      } else r.missed++;
      await sleep(300);
      s.link.restore();
    }),
  );
  return r;
}

export interface BlipResult {
  /** Cut → the agent's next CONNACK, ms. */
  gapsMs: number[];
  /** Blipped sites stored `down`. */
  falseDowns: number;
  /** Any other site stored `down` meanwhile. */
  otherDowns: number;
  downTransitions: number;
  incidents: number | null;
  /** The server's longest event-loop stall since the previous scrape before this phase, s. */
  lagMaxS: number;
}

/**
 * Each subject's line resets its connection and refuses new ones for
 * `blipMs`, at a random moment of `windowMs`; its agent reconnects with its
 * own backoff. Then waits out the confirmation delay and counts downs.
 */
export async function blipPhase(
  url: string,
  cookie: string,
  subjects: Subject[],
  o: { blipMs: number; windowMs: number; settleMs: number },
): Promise<BlipResult> {
  const chosen = new Set(subjects.map((s) => s.siteId));
  const downs = new Set<string>();
  let otherDowns = 0;
  const feed = await openLiveFeed(url, cookie, ({ site }) => {
    if (site.status !== 'down') return;
    if (chosen.has(site.id)) downs.add(site.id);
    else otherDowns++;
  });
  const before = await scrape(url);
  const startedAt = Date.now();
  const gapsMs: number[] = [];
  await Promise.all(
    subjects.map(async (s) => {
      await sleep(Math.random() * o.windowMs);
      const t0 = performance.now();
      s.link.cut('abrupt');
      await sleep(o.blipMs);
      s.link.restore();
      while (s.connectedAt < t0 && performance.now() - t0 < 60_000) await sleep(20);
      gapsMs.push(s.connectedAt - t0);
    }),
  );
  // Whatever a blip would set off has had its confirmation delay, and more, to show.
  await sleep(o.settleMs);
  const after = await scrape(url);
  feed.close();
  const res = await fetch(`${url}/api/v1/incidents?state=all&limit=1000`, { headers: { cookie } });
  const incidents = res.ok
    ? ((await res.json()) as Incident[]).filter(
        (i) => Date.parse(i.startedAt) >= startedAt && i.siteIds.some((id) => chosen.has(id)),
      ).length
    : null;
  return {
    gapsMs,
    falseDowns: downs.size,
    otherDowns,
    downTransitions: delta(before, after, 'linewatch_site_status_changes_total{status="down"}'),
    incidents,
    lagMaxS: Math.max(...[before, after].map((m) => m.get(lagMax) ?? Number.NaN)),
  };
}

/**
 * The server's own uplink fails silently: every line is cut without a
 * reset, for `cutMs`, then restored. Counts the sites declared down while
 * cut and while the agents come back.
 */
export async function massSilencePhase(
  url: string,
  cookie: string,
  subjects: Subject[],
  o: { cutMs: number; settleMs: number },
): Promise<{ downsWhileCut: number; downsAfter: number; reconnectedMs: number }> {
  let downs = 0;
  const feed = await openLiveFeed(url, cookie, ({ site }) => {
    if (site.status === 'down') downs++;
  });
  for (const s of subjects) s.link.cut('silent');
  await sleep(o.cutMs);
  const downsWhileCut = downs;
  const t0 = performance.now();
  for (const s of subjects) s.link.restore();
  while (subjects.some((s) => s.connectedAt < t0) && performance.now() - t0 < 180_000) await sleep(100);
  const reconnectedMs = performance.now() - t0;
  await sleep(o.settleMs);
  feed.close();
  return { downsWhileCut, downsAfter: downs - downsWhileCut, reconnectedMs };
}
