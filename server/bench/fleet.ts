/**
 * Ingest benchmark: N simulated agents speak real MQTT with the real
 * message schema to a real server process on loopback, each sending one
 * measurement per interval. Prints ingest rate, publish→commit-ack latency,
 * the server's event-loop lag (p99 and the longest stall), its batched
 * write times, RSS and CPU (from its /metrics), and how busy this client
 * process was — with many agents it can be the bottleneck itself.
 *
 * Env: BENCH_AGENTS (default 1000), BENCH_INTERVAL_SECONDS (10), BENCH_SECONDS (30),
 * BENCH_CONNECTS_PER_SECOND (200: connections ramp up at this rate, with jitter),
 * BENCH_ENROLL_CONCURRENCY (8), BENCH_SERVER_NODE_ARGS (extra Node flags for the server, e.g. `--cpu-prof`),
 * BENCH_LINE=dsl (every sample carries a FRITZ!Box's DSL figures and a growing CRC counter).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { delta, histogramQuantile, type Snapshot, scrape } from './prom.js';
import { connectFleet, enrollAll, type FleetStats } from './simulated-fleet.js';

const agents = Number(process.env.BENCH_AGENTS ?? 1000);
const intervalMs = Number(process.env.BENCH_INTERVAL_SECONDS ?? 10) * 1000;
const durationMs = Number(process.env.BENCH_SECONDS ?? 30) * 1000;
const connectsPerSecond = Number(process.env.BENCH_CONNECTS_PER_SECOND ?? 200);
const enrollConcurrency = Number(process.env.BENCH_ENROLL_CONCURRENCY ?? 8);
const password = 'benchmark admin password';

/**
 * Each agent is one TCP connection, i.e. one file descriptor here and one
 * in the server (which inherits this limit). Fail early and clearly rather
 * than with EMFILE halfway through the ramp.
 */
function checkFileLimit(): void {
  const limit = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const need = agents + 200;
  if (limit !== 'unlimited' && Number(limit) < need)
    throw new Error(
      `open-file limit ${limit} is below ${need}: run \`ulimit -n ${need}\` first (hard limit: ulimit -Hn)`,
    );
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-'));
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', cli, 'run'], {
    env: {
      ...process.env,
      LINEWATCH_HOST: '127.0.0.1',
      LINEWATCH_HTTP_PORT: '0',
      LINEWATCH_MQTT_PORT: '0',
      LINEWATCH_DATA_DIR: dataDir,
      LINEWATCH_ADMIN_PASSWORD: password,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<[number, number]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/"httpPort":(\d+),"mqttPort":(\d+)/);
      if (m) resolve([Number(m[1]), Number(m[2])]);
    });
    child.on('exit', () => reject(new Error('server exited')));
  });
  child.stdout.resume();
  return { child, dataDir, url: `http://127.0.0.1:${ports[0]}`, mqttPort: ports[1] };
}
type Server = Awaited<ReturnType<typeof startServer>>;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const ms = (seconds: number | undefined) => `${((seconds ?? Number.NaN) * 1000).toFixed(1)} ms`;

function report(r: {
  stats: FleetStats;
  before: Snapshot;
  after: Snapshot;
  elapsedS: number;
  client: { lagP99Ms: number; lagMaxMs: number; cpuPct: number };
}) {
  const { stats, before, after, elapsedS } = r;
  const latencies = [...stats.latencies].sort((a, b) => a - b);
  const stored = delta(before, after, 'linewatch_samples_stored_total{kind="measurement"}');
  const cpu = delta(before, after, 'linewatch_process_cpu_seconds_total');
  const flushes = delta(before, after, 'linewatch_ingest_flush_seconds_count');
  const messages = delta(before, after, 'linewatch_ingest_messages_total{kind="measurements"}');
  const q = (name: string, p: number) => histogramQuantile(before, after, name, p);
  const rows: [string, string][] = [
    ['measurements sent', String(stats.sent)],
    [
      'acknowledged',
      `${latencies.length} (${((100 * latencies.length) / Math.max(1, stats.sent)).toFixed(1)} %)`,
    ],
    ['ingest rate', `${(stored / elapsedS).toFixed(1)} measurements/s`],
    [
      'refused by ingest',
      `${delta(before, after, 'linewatch_ingest_rejected_total{reason="overloaded"}')} (queue full), ${delta(before, after, 'linewatch_ingest_rejected_total{reason="store_error"}')} (store error)`,
    ],
    ['publish→commit ack p50', `${pct(latencies, 50).toFixed(1)} ms`],
    ['publish→commit ack p99', `${pct(latencies, 99).toFixed(1)} ms`],
    [
      'server arrival→commit p50/p99',
      `≤ ${ms(q('linewatch_ingest_duration_seconds', 0.5))} / ≤ ${ms(q('linewatch_ingest_duration_seconds', 0.99))} (bucket bounds)`,
    ],
    ['server event-loop lag p99', ms(after.get('linewatch_nodejs_eventloop_lag_p99_seconds'))],
    [
      'server event-loop lag max',
      `${ms(after.get('linewatch_nodejs_eventloop_lag_max_seconds'))} (longest stall in the window)`,
    ],
    [
      'server write batches',
      `${flushes} (${(messages / Math.max(1, flushes)).toFixed(1)} messages each); p99 ≤ ${ms(q('linewatch_ingest_flush_seconds', 0.99))}, longest ${ms(after.get('linewatch_ingest_flush_max_seconds'))}`,
    ],
    [
      'server RSS',
      `${((after.get('linewatch_process_resident_memory_bytes') ?? 0) / 2 ** 20).toFixed(0)} MiB`,
    ],
    ['server CPU', `${((100 * cpu) / elapsedS).toFixed(1)} % of one core`],
    [
      'connected agents',
      `${after.get('linewatch_mqtt_connected_agents') ?? 0} (${stats.connectFailures} failed to connect)`,
    ],
    [
      'bench client',
      `CPU ${r.client.cpuPct.toFixed(1)} % of one core; event-loop lag p99 ${r.client.lagP99Ms.toFixed(1)} ms, max ${r.client.lagMaxMs.toFixed(1)} ms`,
    ],
  ];
  for (const [k, v] of rows) console.log(`  ${k.padEnd(30)} ${v}`);
}

async function run(server: Server) {
  console.log(
    `fleet benchmark: ${agents} agents${process.env.BENCH_LINE === 'dsl' ? ' on DSL lines (router figures in every sample)' : ''}, one measurement every ${intervalMs / 1000} s, ${durationMs / 1000} s`,
  );
  let t = performance.now();
  const creds = await enrollAll(server.url, { agents, password, concurrency: enrollConcurrency });
  console.log(`  enrolled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const stats: FleetStats = { sent: 0, latencies: [], connectFailures: 0 };
  const sentAt = new Map<string, number>();
  t = performance.now();
  const { clients, timers } = await connectFleet(
    creds,
    { mqttPort: server.mqttPort, intervalMs, connectsPerSecond },
    stats,
    sentAt,
  );
  console.log(`  connected ${clients.length} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // The window: only what happens from here counts (the server's lag figures reset at each scrape).
  stats.sent = 0;
  stats.latencies = [];
  sentAt.clear();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = process.cpuUsage();
  const before = await scrape(server.url);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  const after = await scrape(server.url);
  const elapsedS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  lag.disable();
  for (const timer of timers) clearTimeout(timer);
  // Acks still on their way count (their latency too): wait until none came for a second (at most 15 s).
  for (let waited = 0, seen = -1; seen !== stats.latencies.length && waited < 15_000; waited += 1000) {
    seen = stats.latencies.length;
    await new Promise((r) => setTimeout(r, 1000));
  }

  report({
    stats,
    before,
    after,
    elapsedS,
    client: {
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
      cpuPct: (100 * (cpu.user + cpu.system)) / 1e6 / elapsedS,
    },
  });
  await Promise.all(clients.map((c) => c.endAsync(true)));
}

async function main() {
  checkFileLimit();
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
