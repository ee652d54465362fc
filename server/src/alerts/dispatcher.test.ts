import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type Harness, minute, sipgate } from './testing/harness.js';

let harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.reverse()) await h.close();
  harnesses = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function harness(...args: Parameters<typeof alertHarness>): Promise<Harness> {
  const h = await alertHarness(...args);
  harnesses.push(h);
  return h;
}

function attempts(h: Harness, id: number) {
  return h.alerts.alertStore.notifications.attempts(id).map((a) => a.result);
}

describe('dispatcher', () => {
  it('e-mails a lone line at once through the channel from the environment: German, cause, action, links, report', async () => {
    const h = await harness();
    const s = h.site('Bäckerei Schmidt');
    h.transition(s, 'up');
    h.transition(s, 'down', 'line_sync_lost');
    const [alert] = h.rows('alert');
    expect(alert).toMatchObject({
      channel_id: 'default-email',
      target: 'ops@shop.example',
      due_at: h.clock.now(),
    });

    expect(await h.run()).toBe(1);
    const [mail] = await h.sink.waitFor(1);
    const incidentId = h.openIncidents()[0]?.id;
    expect(mail?.recipients).toEqual(['ops@shop.example']);
    expect(mail?.envelopeFrom).toBe('alerts@shop.example');
    expect(mail?.mail.subject).toBe(
      '[linewatch] Ausgefallen: Bäckerei Schmidt (Telekom) - Leitung ohne Synchronisation',
    );
    const text = mail?.mail.text ?? '';
    expect(text).toContain(
      'Der Anschluss Bäckerei Schmidt (Telekom) ist seit 02.03.2026, 11:00 Uhr ausgefallen',
    );
    expect(text).toContain('Empfehlung: ');
    expect(text).toMatch(
      /Bestätigen \(ohne Anmeldung\): https:\/\/lw\.example\/ack\/[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\r?\n/,
    );
    expect(text).toContain(`Vorfall ansehen: https://lw.example/incidents/${incidentId}`);
    expect(text).toContain('Störungsmeldung für die Hotline');
    expect(mail?.mail.html).toContain('<a href="https://lw.example/ack/');
    expect(mail?.mail.html).toContain(
      'Bäckerei Schmidt - Kunde Bäckerei Schmidt, Hauptstraße 1, 10115 Berlin',
    );

    const row = h.rows('alert')[0];
    expect(row).toMatchObject({ state: 'sent', attempts: 1, sent_at: h.clock.now(), cost: 1 });
    expect(row?.provider_id).toBe(mail?.mail.messageId);
    expect(attempts(h, row?.id ?? 0)).toEqual(['sent']);
    expect(await h.run()).toBe(0);
    expect(h.sink.received).toHaveLength(1);
  });

  it('lets two dispatchers race over one database: each row is claimed and sent once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-alerts-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const a = await harness({ path });
    const b = await harness({ path, sink: a.sink, provider: a.provider });
    const hook = a.channel('Hook', {
      type: 'webhook',
      url: `${a.provider.url}/hook`,
      secret: 'a-webhook-secret-1234',
    });
    a.policy({ channelId: hook.id });
    for (let i = 0; i < 12; i++) {
      const s = a.site(`Site ${i}`, { postcode: String(20000 + i * 1000) });
      a.transition(s, 'down', 'router_unreachable');
    }
    expect(a.rows('alert')).toHaveLength(12);
    const [x, y] = await Promise.all([a.run(), b.run()]);
    expect((x ?? 0) + (y ?? 0)).toBe(12);
    expect(a.provider.requests).toHaveLength(12);
    expect(new Set(a.provider.requests.map((r) => r.headers['idempotency-key'])).size).toBe(12);
    expect(a.rows('alert').every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('retries a 429 after Retry-After and sends the SMS once', async () => {
    const h = await harness();
    const sms = h.channel('SMS', sipgate());
    h.policy({ channelId: sms.id });
    h.provider.reply({ status: 429, headers: { 'Retry-After': '45' }, body: 'slow down' });
    h.transition(h.site('A'), 'down', 'line_sync_lost');

    expect(await h.run()).toBe(1);
    let row = h.rows('alert')[0];
    expect(row).toMatchObject({ state: 'pending', attempts: 1, due_at: h.clock.now() + 45_000 });
    expect(row?.last_error).toMatch(/will retry: sipgate rate limited/);
    expect(await h.run()).toBe(0);

    h.clock.advance(45_000);
    expect(await h.run()).toBe(1);
    row = h.rows('alert')[0];
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    expect(attempts(h, row?.id ?? 0)).toEqual(['transient', 'sent']);
    expect(h.provider.requests.map((r) => r.path)).toEqual(['/v2/sessions/sms', '/v2/sessions/sms']);
    const body = JSON.parse(h.provider.requests[1]?.body ?? '{}') as { message: string; recipient: string };
    expect(body.recipient).toBe('+4915790123456');
    expect(body.message).toMatch(
      /^linewatch: A \(Telekom\) ausgefallen seit 11:00 - Leitung ohne Synchronisation\. Bestätigen: https:\/\/lw\.example\/ack\/\S+$/,
    );
    h.clock.advance(3600_000);
    expect(await h.run()).toBe(0);
    expect(h.provider.requests).toHaveLength(2);
  });

  it('marks a 400 failed, keeps the error on the row and the channel, and does not retry', async () => {
    const h = await harness();
    const sms = h.channel('SMS', sipgate());
    h.policy({ channelId: sms.id });
    h.provider.reply({ status: 400, body: 'invalid recipient' });
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    await h.run();
    const row = h.rows('alert')[0];
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row?.last_error).toBe('sipgate refused the request (HTTP 400)');
    expect(attempts(h, row?.id ?? 0)).toEqual(['permanent']);
    const channel = h.alerts.alertStore.channels.get(h.orgId, sms.id);
    expect(channel).toMatchObject({
      lastError: 'sipgate refused the request (HTTP 400)',
      lastErrorAt: h.clock.now(),
    });
    h.clock.advance(3600_000);
    expect(await h.run()).toBe(0);
    expect(h.provider.requests).toHaveLength(1);
  });

  it('backs off exponentially on 5xx and gives up after maxAttempts', async () => {
    const h = await harness({ config: { maxAttempts: 3, backoffBaseMs: 30_000 } });
    const sms = h.channel('SMS', sipgate());
    h.policy({ channelId: sms.id });
    h.provider.reply({ status: 500 }, { status: 503 }, { status: 500 });
    h.transition(h.site('A'), 'down', 'line_sync_lost');
    const t0 = h.clock.now();
    await h.run();
    expect(h.rows('alert')[0]?.due_at).toBe(t0 + 30_000);
    h.clock.advance(30_000);
    await h.run();
    expect(h.rows('alert')[0]?.due_at).toBe(t0 + 30_000 + 60_000);
    h.clock.advance(60_000);
    await h.run();
    const row = h.rows('alert')[0];
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row?.last_error).toBe('gave up after 3 attempts: sipgate failed (HTTP 500)');
    expect(h.provider.requests).toHaveLength(3);
  });

  it('sends a test message to every target and returns each answer, recorded as kind test', async () => {
    const h = await harness();
    const sms = h.channel('SMS', sipgate(['+4915790123456', '+4915790654321']));
    h.provider.reply({ status: 204 }, { status: 402, body: 'no balance' });
    const result = await h.alerts.dispatcher.testSend(h.orgId, sms.id);
    expect(result?.results).toEqual([
      { target: '+4915790123456', ok: true, providerId: null, response: '204 (no body)', error: null },
      {
        target: '+4915790654321',
        ok: false,
        providerId: null,
        response: '402 no balance',
        error: {
          message: 'sipgate refused the request (HTTP 402)',
          classification: 'permanent',
          ambiguous: false,
          status: 402,
        },
      },
    ]);
    expect(h.rows('test').map((r) => r.state)).toEqual(['sent', 'failed']);
    const mail = await h.alerts.dispatcher.testSend(h.orgId, 'default-email', 'en');
    expect(mail?.results[0]).toMatchObject({ target: 'ops@shop.example', ok: true });
    const [received] = await h.sink.waitFor(1);
    expect(received?.mail.subject).toBe('[linewatch] Test message via "E-mail (LINEWATCH_SMTP_URL)"');
    expect(await h.alerts.dispatcher.testSend(h.orgId, 'nope')).toBeNull();
    h.clock.advance(minute);
    expect(await h.run()).toBe(0);
  });
});
