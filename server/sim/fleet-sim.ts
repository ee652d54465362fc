#!/usr/bin/env -S npx tsx
/**
 * The demo's simulated fleet: one agent per enrolled site, each speaking
 * real MQTT with the real schema through its own simulated line, and the
 * scripted faults of `scenario.ts` on a loop.
 *
 *   node --import tsx server/sim/fleet-sim.ts <fleet.json>
 *
 * Env: DEMO_SPEEDUP (1: a 10-minute cycle; 10: one minute), DEMO_INTERVAL_SECONDS
 * (10 / speedup), DEMO_KEEPALIVE_SECONDS (15), DEMO_LOG_LEVEL (warn; `info`
 * tells every scripted step). Stops cleanly on SIGINT / SIGTERM.
 */
import pino, { type Logger } from 'pino';
import { type DemoEnv, intervalSeconds, parseDemoEnv } from './demo-env.js';
import { type FleetAgent, readFleetFile } from './fleet-file.js';
import { type Link, openLink } from './link.js';
import { between, unseeded } from './random.js';
import {
  type Directive,
  defaultTimings,
  directiveAt,
  type ScenarioTimings,
  scaleTimings,
} from './scenario.js';
import { SimAgent } from './sim-agent.js';
import { createSiteSim, type SiteSim } from './site-sim.js';

const day = 86_400_000;

/** One site of the running fleet. */
interface Runner {
  fleet: FleetAgent;
  site: SiteSim;
  agent: SimAgent;
  link: Link;
  /** Staggers the sites of the area outage. */
  offsetMs: number;
  current: Directive;
  log: Logger;
}

async function startRunner(
  fleet: FleetAgent,
  env: DemoEnv,
  timings: ScenarioTimings,
  log: Logger,
): Promise<Runner> {
  const now = Date.now();
  const broker = new URL(fleet.mqtt.url);
  const link = await openLink({ host: broker.hostname, port: Number(broker.port || 1883) });
  const site = createSiteSim(fleet.line, unseeded, now, between(unseeded, 1, 60) * day);
  const siteLog = log.child({ site: fleet.key, name: fleet.name });
  const speedup = env.DEMO_SPEEDUP;
  const agent = new SimAgent({
    agentId: fleet.agentId,
    password: fleet.mqtt.password,
    url: link.url,
    keepaliveSeconds: env.DEMO_KEEPALIVE_SECONDS,
    intervalSeconds: intervalSeconds(env),
    bootedAt: now - between(unseeded, 2, 40) * day,
    measure: (meta) => site.measure(meta),
    log: siteLog,
    backoff: { baseMs: Math.max(200, 1000 / speedup), capMs: Math.max(1000, 60_000 / speedup) },
    connectTimeoutMs: 10_000,
  });
  agent.start();
  return {
    fleet,
    site,
    agent,
    link,
    offsetMs: Math.random() * timings.outage.spreadMs,
    current: { power: true, link: 'up', line: { kind: 'ok' } },
    log: siteLog,
  };
}

/** Applies what changed between the runner's current directive and `next`. */
function apply(r: Runner, next: Directive, timings: ScenarioTimings): void {
  const now = Date.now();
  const was = r.current;
  r.current = next;
  if (JSON.stringify(was.line) !== JSON.stringify(next.line)) {
    r.site.setCondition(next.line, now);
    // Wear changes every tick; only its start is worth a line.
    if (was.line.kind !== next.line.kind)
      r.log.info({ role: r.fleet.role, line: next.line.kind }, 'line changes');
  }
  if (was.link !== next.link) {
    if (next.link === 'down') r.link.cut('abrupt');
    else r.link.restore();
    r.log.info({ role: r.fleet.role, link: next.link }, next.link === 'down' ? 'link cut' : 'link restored');
  }
  if (was.power !== next.power) {
    if (!next.power) {
      r.agent.powerOff();
      r.log.info({ role: r.fleet.role }, 'power cut');
    } else {
      const bootedAt = now - timings.powerCut.bootMs;
      r.site.rebootRouter(bootedAt, now);
      r.agent.powerOn(bootedAt);
      r.log.info({ role: r.fleet.role }, 'power back, box rebooted');
    }
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) fail('usage: fleet-sim.ts <fleet.json>  (written by `pnpm demo`)');
  let env: DemoEnv;
  try {
    env = parseDemoEnv(process.env);
  } catch (err) {
    fail((err as Error).message);
  }
  const fleet = readFleetFile(file);
  const log = pino({ level: env.DEMO_LOG_LEVEL, base: { service: 'linewatch-sim' } });
  const timings = scaleTimings(defaultTimings, env.DEMO_SPEEDUP);
  const runners = await Promise.all(fleet.agents.map((a) => startRunner(a, env, timings, log)));
  const started = Date.now();
  log.info(
    { sites: runners.length, speedup: env.DEMO_SPEEDUP, cycleMs: timings.cycleMs },
    'fleet simulator running',
  );

  let cycle = 0;
  const tick = setInterval(() => {
    const elapsed = Date.now() - started;
    const t = elapsed % timings.cycleMs;
    const n = Math.floor(elapsed / timings.cycleMs);
    if (n !== cycle) {
      cycle = n;
      log.info({ cycle }, 'scenario cycle starts again');
    }
    for (const r of runners) {
      if (r.fleet.role !== 'normal') apply(r, directiveAt(r.fleet.role, t, timings, r.offsetMs), timings);
    }
  }, 250);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(tick);
    await Promise.all(runners.map((r) => r.agent.stop(3000)));
    await Promise.all(runners.map((r) => r.link.close()));
    log.info('fleet simulator stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function fail(sentence: string): never {
  process.stderr.write(`linewatch sim: ${sentence}\n`);
  process.exit(2);
}

await main();
