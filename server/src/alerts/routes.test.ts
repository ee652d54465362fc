import { OpenAPIHono } from '@hono/zod-openapi';
import type { AlertChannel, AlertNotification } from '@linewatch/shared';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '../api/context.js';
import { renderError, validationError } from '../api/errors.js';
import { type AlertRouteDeps, alertRoutes } from '../api/routes/alerts.js';
import { hashToken } from '../auth/secrets.js';
import { alertHarness, type Harness, sipgate } from './testing/harness.js';

/** The alert API in-process with `app.request()`, over the real store, dispatcher and SMTP sink. */

let h: Harness;
let app: OpenAPIHono<Env>;
let changed: string[];

beforeEach(async () => {
  h = await alertHarness();
  changed = [];
  const now = h.clock.now();
  const user = h.store.users.createUser(h.orgId, 'anna@shop.example', 'x', 'admin', now);
  h.store.users.createSession(hashToken('session-token'), user, now, now + 365 * 86_400_000);
  app = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  app.onError((err, c) => renderError(err, c));
  const deps = {
    store: h.store,
    alerts: h.alerts,
    now: h.clock.now,
    log: pino({ level: 'silent' }),
    incidentChanged: (id: string) => changed.push(id),
  } as unknown as AlertRouteDeps;
  alertRoutes(app, deps);
  app.doc31('/api/v1/openapi.json', { openapi: '3.1.0', info: { title: 't', version: '1' } });
});
afterEach(() => h.close());

function call(path: string, method = 'GET', body?: unknown) {
  return app.request(path, {
    method,
    headers: { cookie: 'lw_session=session-token', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('alert channels API', () => {
  it('creates, lists and edits channels without ever returning a secret', async () => {
    expect((await app.request('/api/v1/alert-channels')).status).toBe(401);
    const created = await call('/api/v1/alert-channels', 'POST', { name: 'SMS', settings: sipgate() });
    expect(created.status).toBe(201);
    const channel = (await created.json()) as AlertChannel;
    expect(channel).toMatchObject({
      kind: 'sipgate',
      builtin: false,
      targets: ['+4915790123456'],
      usedThisMonth: 0,
    });
    expect(channel.settings).toMatchObject({ token: '••••', tokenId: 'token-ABC123' });

    const list = (await (await call('/api/v1/alert-channels')).json()) as AlertChannel[];
    expect(list.map((c) => [c.id, c.builtin])).toEqual([
      ['default-email', true],
      [channel.id, false],
    ]);
    expect(JSON.stringify(list)).not.toContain('secret-token');

    const edited = await call(`/api/v1/alert-channels/${channel.id}`, 'PUT', {
      name: 'SMS Chef',
      settings: { ...channel.settings, recipients: ['+4915711111111'] },
      rateLimitPerHour: 10,
    });
    expect(edited.status).toBe(200);
    const stored = h.alerts.alertStore.channels.get(h.orgId, channel.id);
    expect(stored?.settings).toMatchObject({ token: 'secret-token', recipients: ['+4915711111111'] });
    expect(stored).toMatchObject({ name: 'SMS Chef', rateLimitPerHour: 10 });

    const bad = await call(`/api/v1/alert-channels/${channel.id}`, 'PUT', {
      name: 'SMS',
      settings: { ...channel.settings, smsId: 'x' },
    });
    expect(bad.status).toBe(400);
    expect((await call('/api/v1/alert-channels/default-email', 'DELETE')).status).toBe(409);
  });

  it('sends a test message and shows it, with its attempt, in the channel history', async () => {
    const channel = h.channel('SMS', sipgate());
    h.provider.reply({ status: 401, body: 'bad token' });
    const res = await call(`/api/v1/alert-channels/${channel.id}/test`, 'POST');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      results: [
        {
          target: '+4915790123456',
          ok: false,
          providerId: null,
          response: '401 bad token',
          error: {
            message: 'sipgate refused the credentials (HTTP 401)',
            classification: 'permanent',
            ambiguous: false,
            status: 401,
          },
        },
      ],
    });
    const history = (await (
      await call(`/api/v1/alert-channels/${channel.id}/notifications`)
    ).json()) as AlertNotification[];
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'test', state: 'failed', channelName: 'SMS' });
    expect(history[0]?.history).toEqual([
      expect.objectContaining({ result: 'permanent', response: '401 bad token' }),
    ]);
    const [view] = (await (await call('/api/v1/alert-channels')).json()) as AlertChannel[];
    expect(view?.id).toBe('default-email');
    expect((await call(`/api/v1/alert-channels/${channel.id}`)).status).toBe(200);
    expect((await call('/api/v1/alert-channels/nope/test', 'POST')).status).toBe(404);
  });
});

describe('alert policies API', () => {
  it('creates, replaces and deletes policies; a channel in use cannot be deleted', async () => {
    const channel = h.channel('SMS', sipgate());
    expect((await call('/api/v1/alert-policies', 'POST', { name: 'x', channelId: 'nope' })).status).toBe(400);
    expect(
      (await call('/api/v1/alert-policies', 'POST', { name: 'x', channelId: channel.id, scope: 'site' }))
        .status,
    ).toBe(400);
    const res = await call('/api/v1/alert-policies', 'POST', {
      name: 'Nachts nur Geschäftskunden',
      channelId: channel.id,
      quietHours: { from: '22:00', to: '07:00', allowBusiness: true },
      reminders: { everyMinutes: 60, max: 3 },
    });
    expect(res.status).toBe(201);
    const policy = (await res.json()) as { id: string; quietHours: { tz: string } };
    expect(policy.quietHours.tz).toBe('Europe/Berlin');
    expect((await call(`/api/v1/alert-channels/${channel.id}`, 'DELETE')).status).toBe(409);
    const put = await call(`/api/v1/alert-policies/${policy.id}`, 'PUT', {
      name: 'Alle',
      channelId: channel.id,
    });
    expect(await put.json()).toMatchObject({
      name: 'Alle',
      quietHours: null,
      minSeverity: 'down',
      language: 'de',
    });
    expect(((await (await call('/api/v1/alert-policies')).json()) as unknown[]).length).toBe(1);
    expect((await call(`/api/v1/alert-policies/${policy.id}`, 'DELETE')).status).toBe(204);
    expect((await call(`/api/v1/alert-channels/${channel.id}`, 'DELETE')).status).toBe(204);
  });

  it('switches a customer notice on only when there is a channel to send it through', async () => {
    const site = h.site('A');
    const body = { customerNotice: true, customerPhone: '+4917612345678' };
    expect((await call(`/api/v1/sites/${site}/alert-settings`, 'PUT', body)).status).toBe(400);
    h.channel('SMS', sipgate());
    expect((await call(`/api/v1/sites/${site}/alert-settings`, 'PUT', body)).status).toBe(200);
    expect(await (await call(`/api/v1/sites/${site}/alert-settings`)).json()).toEqual({
      customerNotice: true,
      customerPhone: '+4917612345678',
      customerEmail: null,
      language: 'de',
    });
  });

  it('describes every alert route in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/alert-channels/{id}/test',
        '/api/v1/incidents/{id}/notifications',
        '/api/v1/alert-policies/{id}',
        '/api/v1/sites/{id}/alert-settings',
      ]),
    );
  });
});

describe('acknowledge links', () => {
  async function alerted(): Promise<{ incidentId: string; link: string }> {
    h.transition(h.site('Bäckerei Schmidt'), 'down', 'line_sync_lost');
    await h.run();
    const [mail] = await h.sink.waitFor(1);
    const link = /https:\/\/lw\.example(\/ack\/\S+)/.exec(mail?.mail.text ?? '')?.[1] ?? '';
    return { incidentId: h.openIncidents()[0]?.id ?? '', link };
  }

  it('shows a page on GET (changing nothing) and acknowledges on POST, as "via link"', async () => {
    const { incidentId, link } = await alerted();
    const page = await app.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('Der Anschluss Bäckerei Schmidt (Telekom) ist seit');
    expect(h.store.incidents.get(incidentId)?.acknowledged_at).toBeNull();

    const done = await app.request(link, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Bestätigt. Danke!');
    const row = h.store.incidents.get(incidentId);
    expect(row).toMatchObject({
      state: 'acknowledged',
      acknowledged_at: h.clock.now(),
      acknowledged_by: 'via link (E-mail (LINEWATCH_SMTP_URL) / ops@shop.example)',
    });
    expect(h.store.incidents.events(incidentId).at(-1)).toMatchObject({
      kind: 'acknowledged',
      data: { via: 'link' },
    });
    expect(changed).toEqual([incidentId]);
    expect(await (await app.request(link, { method: 'POST' })).text()).toContain('bereits bestätigt');

    const notes = (await (
      await call(`/api/v1/incidents/${incidentId}/notifications`)
    ).json()) as AlertNotification[];
    expect(notes.map((n) => [n.kind, n.state, n.history.map((a) => a.result)])).toEqual([
      ['alert', 'sent', ['sent']],
    ]);
  });

  it('refuses a forged link and an expired one', async () => {
    const { link } = await alerted();
    const forged = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await app.request(forged, { method: 'POST' })).status).toBe(404);
    h.clock.advance(8 * 86_400_000);
    const expired = await app.request(link, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('abgelaufen');
    expect(changed).toEqual([]);
  });
});
