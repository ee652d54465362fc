import { agentTopic, EnrollResponse } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../server/src/alerts/testing/smtp-sink.js';
import { sampleStatus } from '../../server/src/testing/samples.js';
import { enrollAgent, runAgent } from '../support/agent.js';
import { type Proc, tcpTarget } from '../support/processes.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

/**
 * Issue 6, acceptance 4, with the real server, broker and an SMTP server on
 * loopback: a killed agent's alert e-mail arrives in time; an area outage of
 * 12 sites is one message, and its recovery one more.
 */
const keepaliveSeconds = 4;
const confirmDelaySeconds = 3;

let server: ServerProc;
let smtp: SmtpSink;
let target: Awaited<ReturnType<typeof tcpTarget>>;
const procs: Proc[] = [];
const clients: MqttClient[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  target = await tcpTarget();
  server = await startServerProcess({
    LINEWATCH_CONFIRM_DELAY_SECONDS: String(confirmDelaySeconds),
    LINEWATCH_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    LINEWATCH_MAIL_FROM: 'linewatch@shop.example',
    LINEWATCH_ALERT_EMAIL: 'technik@shop.example',
    LINEWATCH_ALERT_GROUPING_DELAY_SECONDS: '10',
    LINEWATCH_RECOVERY_STABLE_SECONDS: '5',
  });
});
afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  for (const c of clients) c.end(true);
  server.kill('SIGTERM');
  await server.exited;
  await smtp.close();
  target.server.close();
});

/** A simulated agent: enrolled through the API, connected over real MQTT with its credentials. */
async function connectAgent(name: string, postcode: string): Promise<{ siteId: string; client: MqttClient }> {
  const site = await server.createSite({
    name,
    carrier: 'Telekom',
    address: `Hauptstraße 1, ${postcode} Leipzig`,
  });
  const res = await fetch(`${server.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: site.enrollmentToken }),
  });
  const { agentId, mqtt: creds } = EnrollResponse.parse(await res.json());
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
    clientId: agentId,
    username: creds.username,
    password: creds.password,
    protocolVersion: 4,
    keepalive: keepaliveSeconds,
    reconnectPeriod: 0,
  });
  await client.publishAsync(agentTopic(agentId, 'status'), JSON.stringify(sampleStatus()), {
    qos: 1,
    retain: true,
  });
  clients.push(client);
  return { siteId: site.id, client };
}

describe('alerts end to end', () => {
  it('mails the alert of a killed agent within 1.5 × keepalive + confirmation delay + 5 s', {
    timeout: 90_000,
  }, async () => {
    const site = await server.createSite({ name: 'Einzelhandel Nord', address: 'Am Hafen 2, 18055 Rostock' });
    const agent = await enrollAgent(server, site.enrollmentToken, () => ({
      keepaliveSeconds,
      intervalSeconds: 1,
      probes: {
        systemResolver: false,
        resolvers: [],
        httpUrls: [],
        icmp: false,
        timeoutMs: 300,
        attempts: 1,
      },
    }));
    const proc = runAgent(agent, ['--targets', target.address, '--router', '127.0.0.1']);
    procs.push(proc);
    await eventually(async () => (await server.site(site.id)).status === 'up', 30_000);
    const before = smtp.received.length;
    const killedAt = Date.now();
    proc.kill('SIGKILL');
    const [mail] = await smtp.waitFor(
      before + 1,
      (1.5 * keepaliveSeconds + confirmDelaySeconds + 5) * 1000 + 2000,
    );
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThanOrEqual((1.5 * keepaliveSeconds + confirmDelaySeconds + 5) * 1000);
    const alert = smtp.received[before] ?? mail;
    expect(alert?.recipients).toEqual(['technik@shop.example']);
    expect(alert?.mail.subject).toContain('Einzelhandel Nord');
    expect(alert?.mail.text).toBeTruthy();
    expect(alert?.mail.html).toBeTruthy();
  });

  it('sends one message for an area outage of 12 sites, and one for its recovery', {
    timeout: 150_000,
  }, async () => {
    const sites = [];
    for (let i = 0; i < 12; i++) sites.push(await connectAgent(`Kunde ${i + 1}`, `0410${i % 10}`));
    for (const s of sites)
      await eventually(async () => (await server.site(s.siteId)).status === 'up', 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    const before = smtp.received.length;

    // The area's line fails: every connection drops at once, without a goodbye.
    for (const s of sites) s.client.stream.destroy();
    for (const s of sites)
      await eventually(async () => (await server.site(s.siteId)).status === 'down', 20_000);
    await smtp.waitFor(before + 1, 60_000);
    await new Promise((r) => setTimeout(r, 15_000));
    const alerts = smtp.received.slice(before);
    expect(alerts).toHaveLength(1);
    for (let i = 1; i <= 12; i++) expect(alerts[0]?.mail.text).toContain(`Kunde ${i}`);

    // The line returns: the agents reconnect; once stable, one recovery message.
    for (const s of sites) {
      const reconnected = await connectAgentAgain(s.client);
      clients.push(reconnected);
    }
    await smtp.waitFor(before + 2, 60_000);
    await new Promise((r) => setTimeout(r, 10_000));
    expect(smtp.received.slice(before)).toHaveLength(2);
  });
});

/** Reconnects a simulated agent with the same credentials. */
async function connectAgentAgain(old: MqttClient): Promise<MqttClient> {
  const o = old.options;
  return mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
    clientId: o.clientId,
    username: o.username,
    password: o.password,
    protocolVersion: 4,
    keepalive: keepaliveSeconds,
    reconnectPeriod: 0,
  });
}
