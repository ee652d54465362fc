/**
 * Detection benchmark: how fast a cut line is stored `down`, that a blip
 * shorter than the confirmation delay raises nothing, and that a silent
 * cut of the server's own uplink declares nobody down.
 *
 * A real server process on loopback and N simulated agents (server/sim:
 * real MQTT, real schema, the real agent's reconnect backoff), each behind
 * its own loopback line that can be cut:
 * 1. abrupt cuts: the line resets the connection (no DISCONNECT: the
 *    broker publishes the will); detection by the lost connection;
 * 2. silent cuts: packets vanish, sockets stay open; only the keepalive
 *    (1.5 × keepalive [MQTT-3.1.2-24]) or the server's silence deadline can tell;
 * 3. blips: the line resets and refuses connections for `BENCH_BLIP_SECONDS`;
 *    the agent reconnects with its own backoff;
 * 4. the server's uplink fails silently: every line is cut at once.
 * Cuts and blips are drawn from the fleet's two largest carriers, so however
 * dense the benchmark makes them they never look like the server's own
 * outage (which needs three carriers) and the uplink guard leaves them alone.
 * Latency is from the cut to the site's `down` arriving on the board's live
 * feed (SSE `GET /api/v1/events`, sent right after the change is stored).
 *
 * Env: BENCH_AGENTS (240), BENCH_CUTS (100 of each kind), BENCH_BLIPS (100),
 * BENCH_BLIP_SECONDS (3), BENCH_KEEPALIVE_SECONDS (15, the agent's default),
 * BENCH_INTERVAL_SECONDS (10), BENCH_CONFIRM_DELAY_SECONDS (the server's
 * default), BENCH_WINDOW_SECONDS (15: each phase's events are spread over
 * this long), BENCH_MASS (1; 0 skips phase 4).
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openLiveFeed } from '../sim/live-feed.js';
import { ServerConfig } from '../src/config/schema.js';
import { blipPhase, type CutResult, cutPhase, massSilencePhase, sample } from './detection-phases.js';
import { type BenchServer, type Subject, settled, setUp, startServer } from './detection-setup.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const agents = env('BENCH_AGENTS', 240);
const keepaliveSeconds = env('BENCH_KEEPALIVE_SECONDS', 15);
const intervalSeconds = env('BENCH_INTERVAL_SECONDS', 10);
const confirmDelayS = env('BENCH_CONFIRM_DELAY_SECONDS', ServerConfig.parse({}).confirmDelaySeconds);
const blipMs = env('BENCH_BLIP_SECONDS', 3) * 1000;
const windowMs = env('BENCH_WINDOW_SECONDS', 15) * 1000;
const mass = env('BENCH_MASS', 1) === 1;
const target = 1.5 * keepaliveSeconds + 2;

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

/** How often the server's log says the uplink guard began to hold silence back. */
function guardHolds(server: BenchServer): string {
  const count = (msg: string) => server.output().split(msg).length - 1;
  return `${count('the server itself looks cut off')} times for a mass silence, ${count('many agents fell silent together')} for a burst`;
}

/** The subjects of the fleet's two largest carriers. */
function twoCarriers(subjects: Subject[]): Subject[] {
  const counts = new Map<string, number>();
  for (const s of subjects) counts.set(s.carrier, (counts.get(s.carrier) ?? 0) + 1);
  const top = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([c]) => c);
  return subjects.filter((s) => top.includes(s.carrier));
}

async function run(server: BenchServer) {
  console.log(
    `detection benchmark: ${agents} agents, keepalive ${keepaliveSeconds} s, interval ${intervalSeconds} s, confirmation delay ${confirmDelayS} s, blips ${blipMs / 1000} s`,
  );
  let t = performance.now();
  const { cookie, subjects } = await setUp(server, { agents, keepaliveSeconds, intervalSeconds });
  for (const s of subjects) s.agent.start();
  const upWithin = 60_000 + intervalSeconds * 1000;
  if (!(await settled(server.url, cookie, upWithin))) throw new Error('not every agent came up');
  row('fleet enrolled and up in', sec(performance.now() - t));
  const pool = twoCarriers(subjects);
  const cuts = Math.min(pool.length, env('BENCH_CUTS', 100));
  const blips = Math.min(pool.length, env('BENCH_BLIPS', 100));
  const recoverMs = 120_000;

  const feed = await openLiveFeed(server.url, cookie, () => {});
  t = performance.now();
  const timeoutMs = (target + confirmDelayS + 15) * 1000;
  const abrupt = await cutPhase(sample(pool, cuts), feed, 'abrupt', windowMs, timeoutMs);
  if (!(await settled(server.url, cookie, recoverMs)))
    throw new Error('sites did not recover after the abrupt cuts');
  const silent = await cutPhase(sample(pool, cuts), feed, 'silent', windowMs, timeoutMs);
  if (!(await settled(server.url, cookie, recoverMs)))
    throw new Error('sites did not recover after the silent cuts');
  feed.close();
  const blip = await blipPhase(server.url, cookie, sample(pool, blips), {
    blipMs,
    windowMs,
    settleMs: confirmDelayS * 1000 + 5000,
  });
  const elapsed = performance.now() - t;

  reportCuts('abrupt cuts (connection reset)', abrupt, cuts, confirmDelayS * 1000 + 1000);
  reportCuts('silent cuts (keepalive only)', silent, cuts, target * 1000);
  row('target: 1.5 × keepalive + 2 s', `${target.toFixed(1)} s`);
  const over = blip.gapsMs.filter((g) => g >= confirmDelayS * 1000).length;
  row(
    `blips (reset, refused ${blipMs / 1000} s)`,
    `${blip.gapsMs.length}; cut→reconnected p50 ${sec(pct(blip.gapsMs, 50))}, p99 ${sec(pct(blip.gapsMs, 99))}, max ${sec(Math.max(...blip.gapsMs))}; ${over} not under the ${confirmDelayS} s delay`,
  );
  row(
    'downs stored during blips',
    `${blip.downTransitions} transitions to down (server metric), ${blip.otherDowns} of sites not blipped`,
  );
  row('incidents opened by blips', blip.incidents === null ? 'n/a' : String(blip.incidents));
  console.log(`  false incidents from blips: ${Math.max(blip.falseDowns, blip.incidents ?? 0)}`);
  row('phases took', `${sec(elapsed)}; server event-loop lag max ${sec(blip.lagMaxS * 1000)}`);
  row('uplink guard held silence', guardHolds(server));

  if (mass) {
    if (!(await settled(server.url, cookie, recoverMs)))
      throw new Error('sites did not recover after the blips');
    const cutMs = (target + 20 + 15) * 1000;
    const m = await massSilencePhase(server.url, cookie, subjects, { cutMs, settleMs: 30_000 });
    row(
      `server's uplink cut silently (${sec(cutMs)})`,
      `${m.downsWhileCut} of ${subjects.length} sites declared down while cut, ${m.downsAfter} while the agents came back (all back after ${sec(m.reconnectedMs)})`,
    );
    row('uplink guard held silence (all phases)', guardHolds(server));
  }
  await Promise.all(subjects.map((s) => s.agent.stop(1000)));
  await Promise.all(subjects.map((s) => s.link.close()));
}

async function main() {
  const confirm = process.env.BENCH_CONFIRM_DELAY_SECONDS;
  const server = await startServer(confirm ? { LINEWATCH_CONFIRM_DELAY_SECONDS: confirm } : {});
  try {
    await run(server);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

await main();
