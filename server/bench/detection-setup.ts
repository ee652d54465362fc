/**
 * The detection benchmark's set-up: a real server process on loopback and a
 * fleet of simulated agents (server/sim: real MQTT, real schema), each behind
 * its own loopback line that can be cut.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type EnrollResponse, reconnectBackoff, type Site, type SiteCreated } from '@linewatch/shared';
import { planFleet } from '../sim/fleet-plan.js';
import { type Link, openLink } from '../sim/link.js';
import { quietLog } from '../sim/quiet-log.js';
import { unseeded } from '../sim/random.js';
import { SimAgent } from '../sim/sim-agent.js';
import { createSiteSim } from '../sim/site-sim.js';

export const password = 'detection benchmark password';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchServer {
  child: ReturnType<typeof spawn>;
  dataDir: string;
  url: string;
  mqttPort: number;
  /** Everything the server logged so far. */
  output(): string;
}

/** Starts `linewatch-server run` on free ports with `env` added (e.g. the confirmation delay). */
export async function startServer(env: Record<string, string>): Promise<BenchServer> {
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
      LINEWATCH_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const ports = await new Promise<[number, number]>((resolve, reject) => {
    const look = () => {
      const m = out.match(/"httpPort":(\d+),"mqttPort":(\d+)/);
      if (m) {
        child.stdout.off('data', look);
        resolve([Number(m[1]), Number(m[2])]);
      }
    };
    child.stdout.on('data', look);
    child.on('exit', () => reject(new Error('server exited')));
  });
  return { child, dataDir, url: `http://127.0.0.1:${ports[0]}`, mqttPort: ports[1], output: () => out };
}

/** One enrolled site, its agent and the line it hangs on. */
export interface Subject {
  siteId: string;
  carrier: string;
  agent: SimAgent;
  link: Link;
  /** performance.now() of the agent's latest CONNACK. */
  connectedAt: number;
}

/**
 * Creates and enrolls `agents` sites of a realistic fleet (`planFleet`),
 * each with an agent reconnecting as the real agent does.
 */
export async function setUp(
  server: BenchServer,
  o: { agents: number; keepaliveSeconds: number; intervalSeconds: number },
): Promise<{ cookie: string; subjects: Subject[] }> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const call = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const plans = planFleet(o.agents, 7);
  const subjects: Subject[] = new Array(plans.length);
  let next = 0;
  const enrollOne = async (i: number) => {
    const plan = plans[i] as (typeof plans)[number];
    const site = await call<SiteCreated>('/api/v1/sites', plan.site, { cookie });
    const creds = await call<EnrollResponse>('/api/v1/enroll', { token: site.enrollmentToken });
    const link = await openLink({ host: '127.0.0.1', port: server.mqttPort });
    const sim = createSiteSim(plan.line, unseeded, Date.now(), 5 * 86_400_000);
    const subject: Subject = { siteId: site.id, carrier: plan.site.carrier, link, connectedAt: 0 } as Subject;
    subject.agent = new SimAgent({
      agentId: creds.agentId,
      password: creds.mqtt.password,
      url: link.url,
      keepaliveSeconds: o.keepaliveSeconds,
      intervalSeconds: o.intervalSeconds,
      bootedAt: Date.now() - 86_400_000,
      measure: (meta) => sim.measure(meta),
      log: quietLog,
      backoff: reconnectBackoff,
      connectTimeoutMs: 2000,
      onConnect: () => {
        subject.connectedAt = performance.now();
      },
    });
    subjects[i] = subject;
  };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < plans.length; i = next++) await enrollOne(i);
    }),
  );
  return { cookie, subjects };
}

export async function sites(url: string, cookie: string): Promise<Site[]> {
  return (await (await fetch(`${url}/api/v1/sites`, { headers: { cookie } })).json()) as Site[];
}

/** Waits until no site is down or unknown (every agent heard), up to `ms`. */
export async function settled(url: string, cookie: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if ((await sites(url, cookie)).every((s) => s.status !== 'down' && s.status !== 'unknown')) return true;
    await sleep(250);
  }
  return false;
}
