/**
 * Resource benchmark of the agent (issue 3's budget: under 60 MB RSS and
 * below 1 % of one core averaged over 10 minutes, default probes every 10 s).
 *
 * Runs the bundled agent (`agent/dist/linewatch-agent.mjs`, built first if
 * missing or stale) as a separate process with the production node flags
 * and an enrolled config with the default probes, every one pointed at a
 * loopback server of this process: TCP targets, the router, DNS resolvers,
 * an HTTP 204 URL if the defaults fetch one, and an aedes broker that
 * acknowledges like the server's ingest. Where the
 * machine allows it, everything runs in a fresh network namespace (only
 * `lo`, /etc/resolv.conf = 127.0.0.1), so not even the agent's system-resolver
 * DNS check can leave the box. Samples VmRSS and CPU from /proc and prints
 * the numbers and a verdict; it does not fail on them.
 *
 * Env: BENCH_AGENT_SECONDS (600), BENCH_SAMPLE_SECONDS (5),
 * BENCH_NODE_FLAGS (space-separated node flags instead of the production
 * ones; `none` for no flags), BENCH_AGENT_ENV (space-separated NAME=value
 * instead of the production environment; `none` for none), BENCH_NETNS=0
 * (stay on the host's loopback; the system-resolver check is then off),
 * BENCH_ACK=0 (the broker acknowledges nothing: how memory grows while the
 * server is unreachable), BENCH_BACKLOG=<n> (start with n measurements of
 * an earlier boot in the outbox, ~2.4 KB each like real ones: memory and
 * time of a replay), BENCH_OUTBOX (JSON outbox settings of the agent's
 * config, e.g. '{"replayBatchSize":50}'), BENCH_ICMP=0 (no ICMP probe: its share of the
 * CPU), BENCH_AGENT_ENTRY (a script to run instead of the
 * bundle, to compare: e.g. `agent/src/cli.ts` with BENCH_NODE_FLAGS="--import tsx").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentConfig, defaultProbeSettings } from '@linewatch/shared';
import { agentEnv, buildAgent, bundleIsStale, bundlePath, nodeFlags } from '../build.js';
import { SqliteOutbox } from '../src/outbox/sqlite-outbox.js';
import { measurement, otherBootId } from '../src/outbox/testing/samples.js';
import { netnsEnv, netnsPrefix } from './isolation.js';
import { type LoopbackWorld, startLoopbackWorld } from './loopback-world.js';
import { cpuPercent, mb, type ProcReading, readProc } from './proc-stats.js';

const budget = { rssBytes: 60e6, cpuPct: 1 };
const durationSeconds = Number(process.env.BENCH_AGENT_SECONDS ?? 600);
const sampleSeconds = Number(process.env.BENCH_SAMPLE_SECONDS ?? 5);
const intervalSeconds = 10;
/** CPU after this is "steady state": start-up (loading, first connect) is over. */
const warmupSeconds = 30;
const agentId = 'bench-agent';
const password = 'bench-agent-secret';
const rootDir = fileURLToPath(new URL('../..', import.meta.url));

function flags(): string[] {
  const text = process.env.BENCH_NODE_FLAGS;
  if (text === undefined) return [...nodeFlags];
  return text.trim() === 'none' ? [] : text.trim().split(/\s+/);
}

function env(): Record<string, string> {
  const text = process.env.BENCH_AGENT_ENV;
  if (text === undefined) return { ...agentEnv };
  if (text.trim() === 'none') return {};
  return Object.fromEntries(
    text
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
}

/**
 * An enrolled config with the default probes (as many targets, resolvers,
 * names and URLs as the defaults, ICMP and the system resolver as by
 * default) at loopback addresses; validated with the agent's own schema.
 */
function writeConfig(dir: string, world: LoopbackWorld): string {
  const config = AgentConfig.parse({
    server: { url: 'http://127.0.0.1:9' },
    agentId,
    mqtt: { url: world.mqttUrl, username: agentId, password },
    keepaliveSeconds: 15,
    intervalSeconds,
    outbox: JSON.parse(process.env.BENCH_OUTBOX ?? '{}'),
    probes: {
      targets: world.targets,
      resolvers: world.resolvers,
      systemResolver: world.systemResolver,
      httpUrls: defaultProbeSettings.httpUrls.map(() => world.httpUrl),
      router: { address: world.router },
      // On by default; off only to see its share (each round spawns one `ping` per host).
      ...(process.env.BENCH_ICMP === '0' ? { icmp: false } : {}),
    },
  });
  const path = join(dir, 'agent.json');
  writeFileSync(path, JSON.stringify(config, null, 2), { mode: 0o600 });
  return path;
}

/**
 * An outbox with `n` measurements of an earlier boot, as a day or more
 * offline leaves it (the agent's own outbox code, under tsx here).
 */
function fillOutbox(path: string, n: number): void {
  const outbox = SqliteOutbox.open(path, { maxBytes: 10e9 });
  for (let seq = 0; seq < n; seq++) outbox.add(measurement(seq, { boot: otherBootId, pad: 2000 }));
  console.log(`outbox: ${n} measurements of an earlier boot, ${(outbox.bytes / 1e6).toFixed(1)} MB of JSON`);
  outbox.close();
}

/** When the broker had all of the backlog, polled every 100 ms. */
function timeReplay(world: LoopbackWorld, n: number, startedMs: number) {
  let doneMs: number | null = null;
  const timer = setInterval(() => {
    if (world.counts.measurements >= n && doneMs === null) {
      doneMs = performance.now();
      clearInterval(timer);
    }
  }, 100);
  timer.unref();
  return {
    text: () =>
      doneMs === null
        ? `not all received (${world.counts.measurements})`
        : `received within ${((doneMs - startedMs) / 1000).toFixed(1)} s of the agent's start`,
  };
}

/** The outbox's size on disk after the agent stopped (with its WAL, if one is left). */
function outboxSize(path: string): string {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return `${(size(path) / 1024).toFixed(0)} KiB + WAL ${(size(`${path}-wal`) / 1024).toFixed(0)} KiB`;
}

const exited = (agent: ChildProcess) => agent.exitCode !== null || agent.signalCode !== null;

/** Samples the agent until `durationSeconds` are over or it exits. */
async function sample(agent: ChildProcess, startedMs: number): Promise<ProcReading[]> {
  const pid = agent.pid;
  if (pid === undefined) return [];
  const readings: ProcReading[] = [readProc(pid, performance.now())];
  let lastReport = startedMs;
  const endMs = startedMs + durationSeconds * 1000;
  while (performance.now() < endMs && !exited(agent)) {
    const waitMs = Math.min(sampleSeconds * 1000, endMs - performance.now());
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    let r: ProcReading;
    try {
      r = readProc(pid, performance.now());
    } catch {
      break; // gone between two readings
    }
    readings.push(r);
    if (r.atMs - lastReport >= 60_000) {
      lastReport = r.atMs;
      const first = readings[0] as ProcReading;
      console.log(
        `  ${Math.round((r.atMs - startedMs) / 1000)} s: RSS ${mb(r.rssKb).toFixed(1)} MB, ` +
          `CPU so far ${cpuPercent(first, r, true).toFixed(3)} %`,
      );
    }
  }
  return readings;
}

async function stopAgent(agent: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  if (exited(agent)) return { code: agent.exitCode, ms: 0 };
  const exit = once(agent, 'exit');
  agent.kill('SIGTERM');
  const timer = setTimeout(() => agent.kill('SIGKILL'), 10_000);
  await exit;
  clearTimeout(timer);
  return { code: agent.exitCode, ms: performance.now() - started };
}

function report(readings: ProcReading[], world: LoopbackWorld, startedMs: number) {
  const first = readings[0] as ProcReading;
  const last = readings.at(-1) as ProcReading;
  const steadyFrom = readings.find((r) => r.atMs - startedMs >= warmupSeconds * 1000);
  const peakKb = Math.max(last.hwmKb, ...readings.map((r) => r.rssKb));
  const seconds = (last.atMs - first.atMs) / 1000;
  const cpuAll = cpuPercent(first, last, true);
  const cpuOwn = cpuPercent(first, last, false);
  const cpuSteady = steadyFrom && steadyFrom !== last ? cpuPercent(steadyFrom, last, true) : null;
  const mib = (kb: number) => (kb / 1024).toFixed(1);
  const c = world.counts;
  // The first round runs at start, then one every interval.
  const expected = Math.floor(seconds / intervalSeconds) + 1;
  const diagnoses = Object.entries(c.diagnoses)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
  console.log(
    `RSS: peak ${mb(peakKb).toFixed(1)} MB (VmHWM; ${mib(peakKb)} MiB), final ${mb(last.rssKb).toFixed(1)} MB ` +
      `(${mib(last.rssKb)} MiB: anonymous ${mib(last.rssAnonKb)}, file-backed ${mib(last.rssFileKb)})`,
  );
  console.log(
    `CPU: ${cpuAll.toFixed(3)} % of one core averaged over ${seconds.toFixed(0)} s ` +
      `(agent ${cpuOwn.toFixed(3)} % + its ping children ${(cpuAll - cpuOwn).toFixed(3)} %); ` +
      `after the first ${warmupSeconds} s: ${cpuSteady === null ? 'n/a' : `${cpuSteady.toFixed(3)} %`}`,
  );
  console.log(
    `rounds: ${c.measurements} measurements in ${c.measurementBatches} batches (expected ~${expected}); ` +
      `${c.eventBatches} event batches; ${c.acks} acks sent; diagnoses: ${diagnoses || 'none'}`,
  );
  if (c.measurements > 0) {
    console.log(
      `measurement JSON: ${Math.round(c.measurementBytes / c.measurements)} bytes each (outbox cap unit)`,
    );
  }
  const within = peakKb * 1024 < budget.rssBytes && cpuAll < budget.cpuPct;
  console.log(
    `verdict: ${within ? 'within budget' : 'OVER BUDGET'} ` +
      `(budget: RSS < ${budget.rssBytes / 1e6} MB, CPU < ${budget.cpuPct} % of one core averaged over 10 minutes` +
      `${seconds < 590 ? '; a shorter run weighs start-up more' : ''})`,
  );
  return {
    peakMb: Number(mb(peakKb).toFixed(1)),
    finalMb: Number(mb(last.rssKb).toFixed(1)),
    cpuPct: Number(cpuAll.toFixed(3)),
    cpuSteadyPct: cpuSteady === null ? null : Number(cpuSteady.toFixed(3)),
    measurements: c.measurements,
    within,
  };
}

async function main(): Promise<number> {
  if (!process.env.BENCH_AGENT_ENTRY && bundleIsStale()) {
    const { bytes } = await buildAgent();
    console.log(`built ${relative(rootDir, bundlePath)} (${Math.round(bytes / 1024)} KiB)`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'lw-agent-bench-'));
  try {
    const inNetns = process.env[netnsEnv] === '1';
    if (!inNetns && process.env.BENCH_NETNS !== '0') {
      const prefix = netnsPrefix(tmp);
      if (prefix) {
        const [command, ...args] = prefix as [string, ...string[]];
        const child = spawn(
          command,
          [...args, process.execPath, ...process.execArgv, fileURLToPath(import.meta.url)],
          { stdio: 'inherit', env: { ...process.env, [netnsEnv]: '1' } },
        );
        const [code] = (await once(child, 'exit')) as [number | null];
        return code ?? 1;
      }
    }
    return await runBench(tmp, inNetns);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function runBench(tmp: string, inNetns: boolean): Promise<number> {
  const ack = process.env.BENCH_ACK !== '0';
  const world = await startLoopbackWorld({
    agentId,
    password,
    targets: defaultProbeSettings.targets.length,
    resolvers: defaultProbeSettings.resolvers.length,
    // Outside a namespace the host's resolver is not ours to ask: the check is off.
    systemResolver: inNetns,
    ack,
  });
  const entry = process.env.BENCH_AGENT_ENTRY ? resolve(process.env.BENCH_AGENT_ENTRY) : bundlePath;
  const agentFlags = flags();
  const agentVars = env();
  const varsText = Object.entries(agentVars).map(([k, v]) => `${k}=${v}`);
  console.log(
    `agent: ${relative(rootDir, entry)} on node ${process.version}, ` +
      `flags: ${agentFlags.join(' ') || '(none)'}, env: ${varsText.join(' ') || '(none)'}`,
  );
  console.log(
    inNetns
      ? 'network: own namespace with only lo; every probe, the system resolver included, on loopback'
      : 'network: host loopback (no network namespace here); the system-resolver DNS check is off',
  );
  if (!ack) console.log('broker: acknowledges nothing (as a server that is down): the outbox grows');
  console.log(
    `running ${durationSeconds} s, probes every ${intervalSeconds} s, sampling every ${sampleSeconds} s`,
  );
  const configPath = writeConfig(tmp, world);
  const backlog = Number(process.env.BENCH_BACKLOG ?? 0);
  if (backlog > 0) fillOutbox(join(tmp, 'agent.outbox.db'), backlog);
  const logPath = join(tmp, 'agent.log');
  const log = openSync(logPath, 'w');
  const startedMs = performance.now();
  const replay = backlog > 0 ? timeReplay(world, backlog, startedMs) : null;
  const agent = spawn(
    process.execPath,
    [...agentFlags, entry, 'run', '--config', configPath, '--state', join(tmp, 'agent.state.json')],
    // As under systemd: a plain environment, logs to a file (journald).
    { env: { PATH: process.env.PATH, NODE_ENV: 'production', ...agentVars }, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  agent.on('error', () => {});
  try {
    const readings = await sample(agent, startedMs);
    const crashed = exited(agent);
    const stop = await stopAgent(agent);
    if (crashed || readings.length < 2) {
      console.log(`the agent exited early (code ${agent.exitCode}, signal ${agent.signalCode}); its log:`);
      console.log(readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n'));
      return 1;
    }
    const result = report(readings, world, startedMs);
    if (replay) console.log(`backlog: ${backlog} measurements ${replay.text()}`);
    console.log(
      `stop: exit ${stop.code} ${Math.round(stop.ms)} ms after SIGTERM; last status ${world.counts.status}; ` +
        `outbox file ${outboxSize(join(tmp, 'agent.outbox.db'))}`,
    );
    console.log(`result ${JSON.stringify({ flags: agentFlags, env: varsText, ...result })}`);
    return 0;
  } finally {
    if (!exited(agent)) agent.kill('SIGKILL');
    await world.close();
  }
}

process.exitCode = await main();
