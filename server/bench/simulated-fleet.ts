/**
 * The simulated agents of the fleet benchmark: enrollment through the API,
 * then one real MQTT connection per agent, with the real message schema.
 */
import { randomUUID } from 'node:crypto';
import { agentTopic, CommitAck, type EnrollResponse } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { sampleMeasurement, sampleStatus } from '../src/testing/samples.js';
import { dslMeasurementAt } from '../src/trends/fixtures.js';

/**
 * `BENCH_LINE=dsl`: every agent sits behind a FRITZ!Box and each sample
 * carries its DSL figures, with a CRC counter that grows now and then — so
 * ingest derives the line figures and CRC increases as for most German lines.
 */
const dslLine = process.env.BENCH_LINE === 'dsl';
const measurement = (bootId: string, seq: number) =>
  dslLine
    ? dslMeasurementAt(bootId, seq, Date.now(), { crcErrors: Math.floor(seq / 3) }, 86_400 + seq * 10)
    : sampleMeasurement(bootId, seq);

async function enrollOne(url: string, cookie: string, i: number): Promise<EnrollResponse> {
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
  return (await res.json()) as EnrollResponse;
}

/** Creates `agents` sites and enrolls an agent for each, `concurrency` at a time, as the admin. */
export async function enrollAll(
  url: string,
  o: { agents: number; password: string; concurrency: number },
): Promise<EnrollResponse[]> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password: o.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const out: EnrollResponse[] = new Array(o.agents);
  let next = 0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      for (let i = next++; i < o.agents; i = next++) out[i] = await enrollOne(url, cookie, i);
    }),
  );
  return out;
}

/** What the simulated fleet measured on its side. */
export interface FleetStats {
  sent: number;
  latencies: number[];
  connectFailures: number;
}

/** One connection attempt that settles: CONNACK, an error, a close or 30 s, whichever comes first. */
function connectOnce(url: string, opts: mqtt.IClientOptions): Promise<MqttClient> {
  const client = mqtt.connect(url, { ...opts, connectTimeout: 30_000 });
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      done();
      client.end(true);
      reject(err);
    };
    const onError = (err: Error) => fail(err);
    const onClose = () => fail(new Error('closed before CONNACK'));
    const timer = setTimeout(() => fail(new Error('no CONNACK within 30 s')), 30_000);
    const done = () => {
      clearTimeout(timer);
      client.off('error', onError);
      client.off('close', onClose);
    };
    client.on('error', onError);
    client.on('close', onClose);
    client.once('connect', () => {
      done();
      resolve(client);
    });
  });
}

/** Connects one agent (three tries), announces it, and starts its measurement timer at a random phase. */
async function runAgent(
  c: EnrollResponse,
  o: FleetOptions,
  stats: FleetStats,
  sentAt: Map<string, number>,
  timers: NodeJS.Timeout[],
): Promise<MqttClient | null> {
  let client: MqttClient | null = null;
  for (let attempt = 0; attempt < 3 && !client; attempt++) {
    try {
      client = await connectOnce(`mqtt://127.0.0.1:${o.mqttPort}`, {
        clientId: c.agentId,
        username: c.agentId,
        password: c.mqtt.password,
        protocolVersion: 4,
        keepalive: 30,
        reconnectPeriod: 0,
      });
    } catch {
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
    }
  }
  if (!client) {
    stats.connectFailures++;
    return null;
  }
  const live = client;
  const bootId = randomUUID();
  try {
    await live.subscribeAsync(agentTopic(c.agentId, 'commands'), { qos: 1 });
  } catch {
    stats.connectFailures++;
    live.end(true);
    return null;
  }
  live.on('message', (_t, payload) => {
    const ack = CommitAck.safeParse(JSON.parse(payload.toString()));
    if (!ack.success) return;
    for (const seq of ack.data.seqs) {
      const key = `${c.agentId}/${seq}`;
      const t0 = sentAt.get(key);
      if (t0 === undefined) continue;
      stats.latencies.push(performance.now() - t0);
      sentAt.delete(key);
    }
  });
  // The agent's real keepalive and interval: the server's silence deadline follows them.
  const status = { ...sampleStatus(bootId), keepaliveSeconds: 30, intervalSeconds: o.intervalMs / 1000 };
  live.publish(agentTopic(c.agentId, 'status'), JSON.stringify(status), { qos: 1, retain: true });
  live.on('error', () => {});
  let seq = 0;
  const tick = () => {
    seq++;
    sentAt.set(`${c.agentId}/${seq}`, performance.now());
    stats.sent++;
    live.publish(
      agentTopic(c.agentId, 'measurements'),
      JSON.stringify({ v: 1, type: 'measurements', items: [measurement(bootId, seq)] }),
      { qos: 1 },
    );
  };
  // Spread the fleet evenly over one interval, as real agents are.
  timers.push(
    setTimeout(() => {
      tick();
      timers.push(setInterval(tick, o.intervalMs));
    }, Math.random() * o.intervalMs),
  );
  return live;
}

/** How the simulated fleet connects and sends. */
export interface FleetOptions {
  mqttPort: number;
  /** One measurement per agent this often, in ms. */
  intervalMs: number;
  /** Connections ramp up at this rate, each at a random moment of its slot (jitter). */
  connectsPerSecond: number;
}

/** Connects the fleet at `connectsPerSecond`, each at a random moment of its slot (jitter). */
export async function connectFleet(
  creds: EnrollResponse[],
  o: FleetOptions,
  stats: FleetStats,
  sentAt: Map<string, number>,
) {
  const timers: NodeJS.Timeout[] = [];
  const clients = await Promise.all(
    creds.map(async (c, i) => {
      await new Promise((r) => setTimeout(r, ((i + Math.random()) / o.connectsPerSecond) * 1000));
      return runAgent(c, o, stats, sentAt, timers);
    }),
  );
  return { clients: clients.filter((c): c is MqttClient => c !== null), timers };
}
