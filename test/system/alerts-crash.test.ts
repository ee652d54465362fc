import { AlertNotification, type Incident } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../server/src/alerts/testing/smtp-sink.js';
import { enrollAgent, runAgent } from '../support/agent.js';
import { type Proc, tcpTarget } from '../support/processes.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

/**
 * Issue 6, acceptance 2: the server is SIGKILLed (1) after the outage is
 * stored but before its alert is sent, and (2) after the mail server took
 * the alert but before the server recorded that. After each restart the
 * alert is delivered once — for e-mail, a repeat carries the same
 * Message-ID, so the receiving side can drop it — and every attempt is on
 * record.
 */
let server: ServerProc;
let smtp: SmtpSink;
let target: Awaited<ReturnType<typeof tcpTarget>>;
const procs: Proc[] = [];

const env = () => ({
  LINEWATCH_CONFIRM_DELAY_SECONDS: '3',
  LINEWATCH_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  LINEWATCH_MAIL_FROM: 'linewatch@shop.example',
  LINEWATCH_ALERT_EMAIL: 'technik@shop.example',
  LINEWATCH_RECONNECT_GRACE_SECONDS: '600',
});

beforeAll(async () => {
  smtp = await startSmtpSink();
  target = await tcpTarget();
  server = await startServerProcess(env());
});
afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  server.kill('SIGTERM');
  await server.exited;
  await smtp.close();
  target.server.close();
});

/** A site whose agent runs until the test kills it; returns once the site is up. */
async function siteWithAgent(name: string, postcode: string) {
  const site = await server.createSite({ name, address: `Bahnhofstraße 7, ${postcode} Kiel` });
  const agent = await enrollAgent(server, site.enrollmentToken, () => ({
    keepaliveSeconds: 4,
    intervalSeconds: 1,
    probes: { systemResolver: false, resolvers: [], httpUrls: [], icmp: false, timeoutMs: 300, attempts: 1 },
  }));
  const proc = runAgent(agent, ['--targets', target.address, '--router', '127.0.0.1']);
  procs.push(proc);
  await eventually(async () => (await server.site(site.id)).status === 'up', 30_000);
  return { siteId: site.id, proc };
}

async function notificationsOf(siteId: string): Promise<AlertNotification[]> {
  const [incident] = (await (
    await server.api(`/api/v1/incidents?state=all&siteId=${siteId}`)
  ).json()) as Incident[];
  if (!incident) return [];
  const res = await server.api(`/api/v1/incidents/${incident.id}/notifications`);
  return AlertNotification.array().parse(await res.json());
}

async function restartServer(): Promise<void> {
  server.kill('SIGKILL');
  await server.exited;
  server = await startServerProcess(env(), { dataDir: server.dataDir });
}

const mailsFor = (name: string) => smtp.received.filter((m) => m.mail.subject.includes(name));

describe('alerts across server crashes', () => {
  it('sends the alert once when the server dies after storing the outage, before sending', {
    timeout: 120_000,
  }, async () => {
    const { siteId, proc } = await siteWithAgent('Crash vor dem Senden', '24103');
    // The mail server is briefly unwilling: the first attempt fails (transient) and is retried later.
    smtp.trouble({ stage: 'rcpt', code: 451, message: 'try again later' });
    proc.kill('SIGKILL');
    await eventually(
      async () =>
        (await notificationsOf(siteId)).some((n) => n.history.some((h) => h.result === 'transient')),
      30_000,
      200,
    );
    expect(mailsFor('Crash vor dem Senden')).toHaveLength(0);
    await restartServer();
    await eventually(() => mailsFor('Crash vor dem Senden').length > 0, 90_000, 200);
    await new Promise((r) => setTimeout(r, 3000));
    expect(mailsFor('Crash vor dem Senden')).toHaveLength(1);
    const [alert] = await notificationsOf(siteId);
    expect(alert?.state).toBe('sent');
    expect(alert?.history.map((h) => h.result)).toEqual(['transient', 'sent']);
  });

  it('re-sends with the same Message-ID when the server dies after the mail server took it', {
    timeout: 120_000,
  }, async () => {
    const { siteId, proc } = await siteWithAgent('Crash nach dem Senden', '24105');
    // The mail server keeps the message and never answers: sent, but the server never hears it.
    smtp.trouble({ stage: 'data', hang: true });
    proc.kill('SIGKILL');
    await eventually(() => mailsFor('Crash nach dem Senden').length > 0, 30_000, 200);
    await restartServer();
    await eventually(async () => (await notificationsOf(siteId))[0]?.state === 'sent', 90_000, 200);
    const mails = mailsFor('Crash nach dem Senden');
    expect(mails).toHaveLength(2);
    expect(mails[0]?.mail.messageId).toBeTruthy();
    expect(mails[1]?.mail.messageId).toBe(mails[0]?.mail.messageId);
  });
});
