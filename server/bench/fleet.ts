/**
 * Ingest benchmark: N simulated agents speak real MQTT with the real
 * message schema to a real server process on loopback, each sending one
 * measurement per interval. Prints ingest rate, publish→commit-ack latency,
 * and the server's event-loop lag, RSS and CPU (from its /metrics).
 *
 * Env: BENCH_AGENTS (default 1000), BENCH_INTERVAL_SECONDS (10), BENCH_SECONDS (30).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentTopic, CommitAck, type EnrollResponse } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { sampleMeasurement, sampleStatus } from '../src/testing/samples.js';

const agents = Number(process.env.BENCH_AGENTS ?? 1000);
const intervalMs = Number(process.env.BENCH_INTERVAL_SECONDS ?? 10) * 1000;
const durationMs = Number(process.env.BENCH_SECONDS ?? 30) * 1000;
const password = 'benchmark admin password';

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-'));
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'run'], {
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

async function enrollAll(url: string): Promise<EnrollResponse[]> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const out: EnrollResponse[] = [];
  for (let i = 0; i < agents; i++) {
    const site = (await (
      await fetch(`${url}/api/v1/sites`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          name: `Site ${i}`,
          customer: `Customer ${i}`,
          address: `Street ${i}, 10115 Berlin`,
          carrier: i % 2 ? 'Telekom' : 'Vodafone',
          accessType: 'dsl',
          contract: { downMbps: 100, upMbps: 40 },
        }),
      })
    ).json()) as { enrollmentToken: string };
    const res = await fetch(`${url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: site.enrollmentToken }),
    });
    if (res.status !== 200) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
    out.push((await res.json()) as EnrollResponse);
  }
  return out;
}

async function metrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    map.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return map;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

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

async function run(server: Awaited<ReturnType<typeof startServer>>) {
  console.log(
    `fleet benchmark: ${agents} agents, one measurement every ${intervalMs / 1000} s, ${durationMs / 1000} s`,
  );
  const creds = await enrollAll(server.url);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let sent = 0;
  const clients: MqttClient[] = [];
  const timers: NodeJS.Timeout[] = [];

  await Promise.all(
    creds.map(async (c) => {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
        clientId: c.agentId,
        username: c.agentId,
        password: c.mqtt.password,
        protocolVersion: 4,
        keepalive: 30,
        reconnectPeriod: 0,
      });
      clients.push(client);
      const bootId = randomUUID();
      await client.subscribeAsync(agentTopic(c.agentId, 'commands'), { qos: 1 });
      client.on('message', (_t, payload) => {
        const ack = CommitAck.safeParse(JSON.parse(payload.toString()));
        if (!ack.success) return;
        for (const seq of ack.data.seqs) {
          const t0 = sentAt.get(`${c.agentId}/${seq}`);
          if (t0 !== undefined) latencies.push(performance.now() - t0);
        }
      });
      await client.publishAsync(agentTopic(c.agentId, 'status'), JSON.stringify(sampleStatus(bootId)), {
        qos: 1,
        retain: true,
      });
      let seq = 0;
      const tick = () => {
        seq++;
        sentAt.set(`${c.agentId}/${seq}`, performance.now());
        sent++;
        client.publish(
          agentTopic(c.agentId, 'measurements'),
          JSON.stringify({ v: 1, type: 'measurements', items: [sampleMeasurement(bootId, seq)] }),
          { qos: 1 },
        );
      };
      // Spread the fleet evenly over one interval, as real agents are.
      timers.push(
        setTimeout(() => {
          tick();
          timers.push(setInterval(tick, intervalMs));
        }, Math.random() * intervalMs),
      );
    }),
  );

  const before = await metrics(server.url);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  const after = await metrics(server.url);
  const elapsedS = (performance.now() - t0) / 1000;
  for (const t of timers) clearTimeout(t);
  await new Promise((r) => setTimeout(r, 2000));

  latencies.sort((a, b) => a - b);
  const stored =
    (after.get('linewatch_samples_stored_total{kind="measurement"}') ?? 0) -
    (before.get('linewatch_samples_stored_total{kind="measurement"}') ?? 0);
  const cpu =
    (after.get('linewatch_process_cpu_seconds_total') ?? 0) -
    (before.get('linewatch_process_cpu_seconds_total') ?? 0);
  const rows: [string, string][] = [
    ['measurements sent', String(sent)],
    ['acknowledged', `${latencies.length} (${((100 * latencies.length) / Math.max(1, sent)).toFixed(1)} %)`],
    ['ingest rate', `${(stored / elapsedS).toFixed(1)} measurements/s`],
    ['publish→commit ack p50', `${pct(latencies, 50).toFixed(1)} ms`],
    ['publish→commit ack p99', `${pct(latencies, 99).toFixed(1)} ms`],
    [
      'server event-loop lag p99',
      `${((after.get('linewatch_nodejs_eventloop_lag_p99_seconds') ?? 0) * 1000).toFixed(1)} ms`,
    ],
    [
      'server RSS',
      `${((after.get('linewatch_process_resident_memory_bytes') ?? 0) / 2 ** 20).toFixed(0)} MiB`,
    ],
    ['server CPU', `${((100 * cpu) / elapsedS).toFixed(1)} % of one core`],
    ['connected agents', String(after.get('linewatch_mqtt_connected_agents') ?? 0)],
  ];
  for (const [k, v] of rows) console.log(`  ${k.padEnd(28)} ${v}`);

  await Promise.all(clients.map((c) => c.endAsync(true)));
}

await main();
