/**
 * `pnpm demo`: the server plus a simulated fleet of ~50 sites with
 * realistic behaviour and scripted faults, so the dashboard has something
 * true to show.
 *
 * 1. Builds the dashboard if its production build is missing or stale.
 * 2. Starts the server on a fresh data dir (`./data-demo`, emptied at each
 *    start) with a generated admin password.
 * 3. Creates the sites through the real HTTP API and enrolls one agent per
 *    site through the real enrollment API.
 * 4. Runs the simulator (`server/sim/fleet-sim.ts`): every agent speaks real
 *    MQTT with the real schema; an area outage, a flapping line, a degraded
 *    line and a power cut repeat on a cycle.
 * 5. Stops both on Ctrl-C / SIGTERM, the simulator first.
 *
 * Env: DEMO_SITES (50), DEMO_SPEEDUP (1), DEMO_INTERVAL_SECONDS, DEMO_KEEPALIVE_SECONDS,
 * DEMO_LOG_LEVEL (see server/sim/demo-env.ts), DEMO_DATA_DIR (./data-demo), and the
 * server's LINEWATCH_* (LINEWATCH_HTTP_PORT 8080; the MQTT port defaults to any free one).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDemoEnv } from '../server/sim/demo-env.js';
import { type FleetAgent, writeFleetFile } from '../server/sim/fleet-file.js';
import { type PlannedSite, planFleet } from '../server/sim/fleet-plan.js';
import { defaultTimings, describeCycle, scaleTimings } from '../server/sim/scenario.js';
import { siteArea } from '../server/src/incidents/site-area.js';
import { createLauncher, exited, root } from './launch.js';

const { buildDashboard, fail, runTs, waitHealthy } = createLauncher('demo');
const dataDir = resolve(root, process.env.DEMO_DATA_DIR ?? 'data-demo');
/** Marks a data dir as the demo's own, so emptying it never hits anything else. */
const marker = join(dataDir, '.linewatch-demo');
const httpPort = Number(process.env.LINEWATCH_HTTP_PORT ?? 8080);
/** The API on loopback (the server may listen on every interface); the URL shown uses `localhost`. */
const api = `http://127.0.0.1:${httpPort}`;

let demoEnv: ReturnType<typeof parseDemoEnv>;
try {
  demoEnv = parseDemoEnv(process.env);
} catch (err) {
  fail((err as Error).message);
}

/** A fresh data dir: the demo's own is emptied, anything else is never touched. */
function freshDataDir(): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!existsSync(marker))
      fail(`${dataDir} is not empty and not a demo data dir — set DEMO_DATA_DIR to another directory.`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(marker, 'linewatch demo data: emptied at each `pnpm demo`\n');
}

async function post(path: string, body: unknown, cookie = ''): Promise<Response> {
  return fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
}

/** Creates one site through the API and enrolls its agent with the one-time token. */
async function enrollSite(plan: PlannedSite, cookie: string): Promise<FleetAgent> {
  const created = await post('/api/v1/sites', plan.site, cookie);
  if (created.status !== 201)
    fail(`creating site "${plan.site.name}" failed: ${created.status} ${await created.text()}`);
  const site = (await created.json()) as { id: string; enrollmentToken: string };
  const host = `lw-${plan.key}`;
  const enrolled = await post('/api/v1/enroll', {
    token: site.enrollmentToken,
    hostname: host,
    agentVersion: '0.1.0',
    platform: 'linux arm64 (simulated)',
  });
  if (enrolled.status !== 200)
    fail(`enrolling "${plan.site.name}" failed: ${enrolled.status} ${await enrolled.text()}`);
  const agent = (await enrolled.json()) as { agentId: string; mqtt: FleetAgent['mqtt'] };
  return {
    key: plan.key,
    role: plan.role,
    name: plan.site.name,
    carrier: plan.site.carrier,
    area: siteArea({ area: plan.site.area ?? null, address: plan.site.address }),
    siteId: site.id,
    agentId: agent.agentId,
    mqtt: agent.mqtt,
    line: plan.line,
  };
}

async function createFleet(email: string, password: string): Promise<FleetAgent[]> {
  const login = await post('/api/v1/auth/login', { email, password });
  if (!login.ok) fail(`cannot log in as ${email}: ${login.status}.`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const plans = planFleet(demoEnv.DEMO_SITES);
  const out: FleetAgent[] = new Array(plans.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < plans.length; i = next++)
        out[i] = await enrollSite(plans[i] as PlannedSite, cookie);
    }),
  );
  return out;
}

function banner(fleet: FleetAgent[], email: string, password: string): void {
  const outage = fleet.filter((a) => a.role === 'area_outage');
  const named = (role: FleetAgent['role']) => fleet.find((a) => a.role === role)?.name ?? '—';
  const timings = scaleTimings(defaultTimings, demoEnv.DEMO_SPEEDUP);
  const lines = [
    `Dashboard: http://localhost:${httpPort}`,
    `Login:     ${email}`,
    `Password:  ${password}`,
    '',
    `Simulated fleet: ${fleet.length} sites, one agent each (real MQTT), a probe round every ${demoEnv.DEMO_INTERVAL_SECONDS ?? Math.max(1, Math.round(10 / demoEnv.DEMO_SPEEDUP))} s.`,
    `Scripted faults (flapping: ${named('flapping')}; degraded: ${named('degraded')}; power cut: ${named('power_cut')}):`,
    ...describeCycle(timings, { outageSites: outage.length, area: outage[0]?.area ?? '—' }).map(
      (l) => `  ${l}`,
    ),
    '',
    `Data: ${dataDir} (emptied at the next \`pnpm demo\`)`,
  ];
  console.log(
    `\n  linewatch demo is running.\n${lines.map((l) => `  ${l}`).join('\n')}\n  Stop with Ctrl-C.\n`,
  );
}

async function main(): Promise<void> {
  buildDashboard();
  freshDataDir();
  const email = process.env.LINEWATCH_ADMIN_EMAIL ?? 'admin@localhost';
  const password = process.env.LINEWATCH_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  const server = runTs('server/src/cli.ts', ['run'], {
    LINEWATCH_LOG_LEVEL: process.env.LINEWATCH_LOG_LEVEL ?? 'warn',
    LINEWATCH_DATA_DIR: dataDir,
    LINEWATCH_HTTP_PORT: String(httpPort),
    LINEWATCH_MQTT_PORT: process.env.LINEWATCH_MQTT_PORT ?? '0',
    LINEWATCH_ADMIN_EMAIL: email,
    LINEWATCH_ADMIN_PASSWORD: password,
  });
  await waitHealthy(server, api);

  const t0 = performance.now();
  console.log(`Creating ${demoEnv.DEMO_SITES} demo sites and enrolling their agents…`);
  const fleet = await createFleet(email, password);
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const fleetFile = join(dataDir, 'demo-fleet.json');
  writeFleetFile(fleetFile, { v: 1, agents: fleet });
  const sim = runTs('server/sim/fleet-sim.ts', [fleetFile], {});
  banner(fleet, email, password);

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    // The simulator first, so its agents can still say goodbye; then the server.
    if (sim.exitCode === null) sim.kill('SIGTERM');
    await exited(sim, 6000);
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited(server, 12_000);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.on('exit', (code) => {
    if (!stopping) console.error(`linewatch demo: the server stopped (exit code ${code}).`);
    void stop(code ?? 1);
  });
  sim.on('exit', (code) => {
    if (!stopping) console.error(`linewatch demo: the fleet simulator stopped (exit code ${code}).`);
    void stop(code ?? 1);
  });
}

await main();
