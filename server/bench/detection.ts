/**
 * Detection benchmark: how fast a cut line is stored `down`, and that a
 * blip shorter than the confirmation delay raises nothing.
 *
 * A real server process on loopback (confirmation delay 3 s) and N
 * simulated agents (server/sim: real MQTT, real schema), each behind its
 * own loopback link that can be cut:
 * 1. abrupt cuts: the link resets the connection (no DISCONNECT: the
 *    broker publishes the will); detection by the lost connection;
 * 2. silent cuts: packets vanish, sockets stay open; only the keepalive
 *    (1.5 × keepalive [MQTT-3.1.2-24]) or the server's silence deadline can tell;
 * 3. blips: the link resets and is back 1–2 s later; the agent reconnects.
 * Latency is from the cut to the site's `down` arriving on the board's live
 * feed (SSE `GET /api/v1/events`, sent right after the change is stored).
 *
 * Env: BENCH_AGENTS (120), BENCH_CUTS (100 of each kind), BENCH_BLIPS (120),
 * BENCH_KEEPALIVE_SECONDS (4), BENCH_INTERVAL_SECONDS (5), BENCH_CONFIRM_DELAY_SECONDS (3),
 * BENCH_WINDOW_SECONDS (15: each phase's events are spread over this long).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  type EnrollResponse,
  type Incident,
  reconnectBackoff,
  type Site,
  type SiteCreated,
} from '@linewatch/shared';
import pino from 'pino';
import { planFleet } from '../sim/fleet-plan.js';
import { type CutMode, type Link, openLink } from '../sim/link.js';
import { type LiveFeed, openLiveFeed } from '../sim/live-feed.js';
import { unseeded } from '../sim/random.js';
import { SimAgent } from '../sim/sim-agent.js';
import { createSiteSim } from '../sim/site-sim.js';
import { delta, scrape } from './prom.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const agents = env('BENCH_AGENTS', 120);
const cuts = Math.min(agents, env('BENCH_CUTS', 100));
const blips = Math.min(agents, env('BENCH_BLIPS', 120));
const keepaliveSeconds = env('BENCH_KEEPALIVE_SECONDS', 4);
const intervalSeconds = env('BENCH_INTERVAL_SECONDS', 5);
const confirmDelayS = env('BENCH_CONFIRM_DELAY_SECONDS', 3);
const windowMs = env('BENCH_WINDOW_SECONDS', 15) * 1000;
const password = 'detection benchmark password';
/** The server's longest event-loop stall since the previous scrape (it resets at each). */
const lagMax = 'linewatch_nodejs_eventloop_lag_max_seconds';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-detect-'));
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'run'], {
    env: {
      ...process.env,
      LINEWATCH_HOST: '127.0.0.1',
      LINEWATCH_HTTP_PORT: '0',
      LINEWATCH_MQTT_PORT: '0',
      LINEWATCH_DATA_DIR: dataDir,
      LINEWATCH_ADMIN_PASSWORD: password,
      LINEWATCH_CONFIRM_DELAY_SECONDS: String(confirmDelayS),
      LINEWATCH_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<[number, number]>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/"httpPort":(\d+),"mqttPort":(\d+)/);
      if (m) {
        child.stdout.off('data', onData);
        resolve([Number(m[1]), Number(m[2])]);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', () => reject(new Error('server exited')));
  });
  child.stdout.resume();
  return { child, dataDir, url: `http://127.0.0.1:${ports[0]}`, mqttPort: ports[1] };
}

/** One enrolled site, its agent and the line it hangs on. */
interface Subject {
  siteId: string;
  agent: SimAgent;
  link: Link;
  /** performance.now() of the agent's latest CONNACK. */
  connectedAt: number;
}

async function setUp(url: string, mqttPort: number) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const call = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const log = pino({ level: 'silent' });
  const plans = planFleet(agents, 7);
  const subjects: Subject[] = new Array(plans.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < plans.length; i = next++) {
        const plan = plans[i] as (typeof plans)[number];
        const site = await call<SiteCreated>('/api/v1/sites', plan.site, { cookie });
        const creds = await call<EnrollResponse>('/api/v1/enroll', { token: site.enrollmentToken });
        const link = await openLink({ host: '127.0.0.1', port: mqttPort });
        const sim = createSiteSim(plan.line, unseeded, Date.now(), 5 * 86_400_000);
        const subject: Subject = {
          siteId: site.id,
          link,
          connectedAt: 0,
          agent: null as unknown as SimAgent,
        };
        subject.agent = new SimAgent({
          agentId: creds.agentId,
          password: creds.mqtt.password,
          url: link.url,
          keepaliveSeconds,
          intervalSeconds,
          bootedAt: Date.now() - 86_400_000,
          measure: (meta) => sim.measure(meta),
          log,
          backoff: reconnectBackoff,
          connectTimeoutMs: 2000,
          onConnect: () => {
            subject.connectedAt = performance.now();
          },
        });
        subjects[i] = subject;
      }
    }),
  );
  return { cookie, subjects };
}

async function sites(url: string, cookie: string): Promise<Site[]> {
  return (await (await fetch(`${url}/api/v1/sites`, { headers: { cookie } })).json()) as Site[];
}

/** Waits until no site is down or unknown (every agent heard), up to `ms`. */
async function settled(url: string, cookie: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if ((await sites(url, cookie)).every((s) => s.status !== 'down' && s.status !== 'unknown')) return true;
    await sleep(250);
  }
  return false;
}

/** `n` distinct subjects in random order. */
const sample = <T>(list: readonly T[], n: number): T[] =>
  [...list]
    .map((x) => ({ x, r: Math.random() }))
    .sort((a, b) => a.r - b.r)
    .slice(0, n)
    .map((e) => e.x);

interface CutResult {
  latenciesMs: number[];
  /** The stored start of the outage minus the moment of the cut, ms. */
  sinceErrorsMs: number[];
  missed: number;
}

/** Cuts `n` links, one at a random moment of the window each; restores each once its site is down. */
async function cutPhase(subjects: Subject[], feed: LiveFeed, mode: CutMode, n: number): Promise<CutResult> {
  const r: CutResult = { latenciesMs: [], sinceErrorsMs: [], missed: 0 };
  await Promise.all(
    sample(subjects, n).map(async (s) => {
      await sleep(Math.random() * windowMs);
      const down = feed.next(s.siteId, (site) => site.status === 'down', 30_000);
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

interface BlipResult {
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

async function blipPhase(url: string, cookie: string, subjects: Subject[], n: number): Promise<BlipResult> {
  const chosen = new Set(sample(subjects, n).map((s) => s.siteId));
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
    subjects
      .filter((s) => chosen.has(s.siteId))
      .map(async (s) => {
        await sleep(Math.random() * windowMs);
        const t0 = performance.now();
        s.link.cut('abrupt');
        await sleep(1000 + Math.random() * 1000);
        s.link.restore();
        while (s.connectedAt < t0 && performance.now() - t0 < 15_000) await sleep(20);
        gapsMs.push(s.connectedAt - t0);
      }),
  );
  // Whatever a blip would set off has had its confirmation delay, and more, to show.
  await sleep(confirmDelayS * 1000 + 5000);
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

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const row = (k: string, v: string) => console.log(`  ${k.padEnd(34)} ${v}`);

/** Prints one kind of cut; `slowMs`: what counts as slow for it. */
function reportCuts(label: string, r: CutResult, n: number, slowMs: number): void {
  const l = r.latenciesMs;
  const slow = l.filter((x) => x > slowMs).length;
  row(
    label,
    `${l.length} of ${n} detected; cut→down p50 ${sec(pct(l, 50))}, p99 ${sec(pct(l, 99))}, max ${sec(Math.max(...l))}; ${slow} over ${sec(slowMs)}`,
  );
  const since = r.sinceErrorsMs;
  row(
    '  outage start stored (since − cut)',
    `p50 ${sec(pct(since, 50))}, max |err| ${sec(Math.max(...since.map(Math.abs)))}`,
  );
}

async function run(server: Awaited<ReturnType<typeof startServer>>) {
  const target = 1.5 * keepaliveSeconds + 2;
  console.log(
    `detection benchmark: ${agents} agents, keepalive ${keepaliveSeconds} s, interval ${intervalSeconds} s, confirmation delay ${confirmDelayS} s`,
  );
  let t = performance.now();
  const { cookie, subjects } = await setUp(server.url, server.mqttPort);
  for (const s of subjects) s.agent.start();
  if (!(await settled(server.url, cookie, 60_000))) throw new Error('not every agent came up within 60 s');
  row('fleet enrolled and up in', sec(performance.now() - t));

  const feed = await openLiveFeed(server.url, cookie, () => {});
  await scrape(server.url); // the server's lag figures cover the time since the previous scrape
  t = performance.now();
  const abrupt = await cutPhase(subjects, feed, 'abrupt', cuts);
  if (!(await settled(server.url, cookie, 60_000)))
    throw new Error('sites did not recover after the abrupt cuts');
  const silent = await cutPhase(subjects, feed, 'silent', cuts);
  if (!(await settled(server.url, cookie, 60_000)))
    throw new Error('sites did not recover after the silent cuts');
  feed.close();
  const blip = await blipPhase(server.url, cookie, subjects, blips);
  const elapsed = performance.now() - t;

  reportCuts('abrupt cuts (connection reset)', abrupt, cuts, confirmDelayS * 1000 + 1000);
  reportCuts('silent cuts (keepalive only)', silent, cuts, target * 1000);
  row('target: 1.5 × keepalive + 2 s', `${target.toFixed(1)} s`);
  const over = blip.gapsMs.filter((g) => g >= confirmDelayS * 1000).length;
  row(
    'blips (reset, back after 1–2 s)',
    `${blip.gapsMs.length}; cut→reconnected p50 ${sec(pct(blip.gapsMs, 50))}, max ${sec(Math.max(...blip.gapsMs))}; ${over} not under the ${confirmDelayS} s delay`,
  );
  row(
    'downs stored during blips',
    `${blip.downTransitions} transitions to down (server metric), ${blip.otherDowns} of sites not blipped`,
  );
  row(
    'incidents opened by blips',
    blip.incidents === null ? 'n/a (incidents API not answering)' : String(blip.incidents),
  );
  console.log(`  false incidents from blips: ${Math.max(blip.falseDowns, blip.incidents ?? 0)}`);
  row('phases took', `${sec(elapsed)}; server event-loop lag max ${sec(blip.lagMaxS * 1000)}`);
  await Promise.all(subjects.map((s) => s.agent.stop(1000)));
  await Promise.all(subjects.map((s) => s.link.close()));
}

async function main() {
  const server = await startServer();
  try {
    await run(server);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

await main();
