import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { agentTopic, CommitAck } from '@linewatch/shared';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBatch } from '../../server/src/testing/samples.js';
import { enrollAgent, runAgent } from '../support/agent.js';
import { type Link, startLink } from '../support/link.js';
import type { Proc } from '../support/processes.js';
import { storedSamples } from '../support/samples.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

/**
 * Acceptance 2 of issue 4: ingest is idempotent, and an acknowledgement
 * means "committed", not "received" — a server killed between the MQTT
 * PUBACK and its commit loses nothing, because the agent still holds the
 * samples and sends them again.
 */
let server: ServerProc;
let link: Link;
const procs: Proc[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  link = await startLink(server.mqttPort);
});
afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  server.kill('SIGTERM');
  await server.exited;
  await link.close();
});

const loopbackProbes = {
  systemResolver: false,
  resolvers: [],
  httpUrls: [],
  icmp: false,
  timeoutMs: 300,
  attempts: 1,
};

describe('exactly once', () => {
  it('stores a batch published three times once, and acknowledges each time', async () => {
    const site = await server.createSite({ name: 'Three times' });
    const agent = await enrollAgent(server, site.enrollmentToken);
    const creds = agent.mqtt;
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
      clientId: creds.username,
      username: creds.username,
      password: creds.password,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    const acks: CommitAck[] = [];
    client.on('message', (_topic, payload) => acks.push(CommitAck.parse(JSON.parse(payload.toString()))));
    await client.subscribeAsync(agentTopic(creds.username, 'commands'), { qos: 1 });
    const bootId = randomUUID();
    const batch = JSON.stringify(sampleBatch(bootId, [7, 8, 9]));
    for (let i = 0; i < 3; i++) {
      await client.publishAsync(agentTopic(creds.username, 'measurements'), batch, { qos: 1 });
    }
    await eventually(() => acks.length === 3, 10_000);
    await client.endAsync();
    expect(acks.map((a) => a.seqs)).toEqual([
      [7, 8, 9],
      [7, 8, 9],
      [7, 8, 9],
    ]);
    const stored = storedSamples(server.dataDir, creds.username).map((s) => s.id);
    expect(stored.sort()).toEqual([`${bootId}/7`, `${bootId}/8`, `${bootId}/9`]);
  });

  it('loses nothing when the server dies between the PUBACK and the commit', {
    timeout: 120_000,
  }, async () => {
    const site = await server.createSite({ name: 'Crash before commit' });
    const agent = await enrollAgent(server, site.enrollmentToken, (written) => ({
      mqtt: { ...(written.mqtt as object), url: `mqtt://127.0.0.1:${link.port}` },
      keepaliveSeconds: 4,
      intervalSeconds: 1,
      probes: loopbackProbes,
    }));
    const proc = runAgent(agent, ['--targets', '127.0.0.1:9', '--router', '127.0.0.1']);
    procs.push(proc);
    await eventually(async () => (await server.site(site.id)).status === 'up', 30_000);

    // Hold the database's write lock: the server takes the next batch, the
    // broker PUBACKs it, and the commit cannot happen.
    const db = new Database(join(server.dataDir, 'linewatch.db'));
    db.exec('BEGIN IMMEDIATE');
    const published = publishedBatches(proc.output()).length;
    const [batch] = await eventually(() => {
      const after = publishedBatches(proc.output()).slice(published);
      return after.length > 0 ? after : null;
    }, 10_000);
    server.kill('SIGKILL');
    await server.exited;
    db.exec('ROLLBACK');
    db.close();
    if (!batch) throw new Error('no batch published');
    const ids = batch.seqs.map((seq) => `${batch.bootId}/${seq}`);
    // PUBACKed, yet not stored: an agent that forgot samples on the PUBACK would have lost them.
    expect(storedSamples(server.dataDir, agent.agentId).map((s) => s.id)).not.toContain(ids[0]);

    server = await startServerProcess({}, { dataDir: server.dataDir });
    link.retarget(server.mqttPort);
    await eventually(
      () => {
        const stored = new Set(storedSamples(server.dataDir, agent.agentId).map((s) => s.id));
        return ids.every((id) => stored.has(id));
      },
      90_000,
      200,
    );
    proc.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});

/** The batches an agent logged as published (PUBACK received), in order. */
function publishedBatches(output: string): { bootId: string; seqs: number[] }[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"batch published"'))
    .map((line) => JSON.parse(line) as { bootId: string; seqs: number[] });
}
