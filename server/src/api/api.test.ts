import { Site, SiteCreated } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSite, startTestServer, type TestServer, testAdmin } from '../testing/fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('HTTP API', () => {
  it('answers /healthz without login', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('serves Prometheus metrics', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP linewatch_/m);
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /healthz',
        'GET /metrics',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/auth/me',
        'POST /api/v1/auth/tokens',
        'POST /api/v1/auth/password',
        'GET /api/v1/users',
        'POST /api/v1/users',
        'PATCH /api/v1/users/{id}',
        'DELETE /api/v1/users/{id}',
        'GET /api/v1/sites',
        'POST /api/v1/sites',
        'GET /api/v1/sites/{id}',
        'PATCH /api/v1/sites/{id}',
        'DELETE /api/v1/sites/{id}',
        'POST /api/v1/sites/{id}/enrollment-token',
        'GET /api/v1/sites/{id}/measurements',
        'GET /api/v1/sites/{id}/latest',
        'GET /api/v1/sites/{id}/gaps',
        'POST /api/v1/sites/{id}/commands',
        'GET /api/v1/sites/{id}/commands',
        'GET /api/v1/sites/{id}/findings',
        'GET /api/v1/findings',
        'GET /api/v1/detection',
        'GET /api/v1/incidents',
        'GET /api/v1/incidents/{id}',
        'POST /api/v1/incidents/{id}/acknowledge',
        'POST /api/v1/incidents/{id}/notes',
        'POST /api/v1/incidents/{id}/ticket',
        'POST /api/v1/incidents/{id}/resolve',
        'GET /api/v1/incidents/{id}/report',
        'GET /api/v1/incidents/{id}/notifications',
        'GET /api/v1/maintenance-windows',
        'GET /api/v1/reports/availability',
        'GET /api/v1/contacts',
        'POST /api/v1/contacts',
        'PUT /api/v1/contacts/{id}',
        'DELETE /api/v1/contacts/{id}',
        'POST /api/v1/maintenance-windows',
        'DELETE /api/v1/maintenance-windows/{id}',
        'GET /api/v1/alert-channels',
        'POST /api/v1/alert-channels',
        'GET /api/v1/alert-channels/{id}',
        'PUT /api/v1/alert-channels/{id}',
        'DELETE /api/v1/alert-channels/{id}',
        'POST /api/v1/alert-channels/{id}/test',
        'GET /api/v1/alert-channels/{id}/notifications',
        'GET /api/v1/alert-policies',
        'POST /api/v1/alert-policies',
        'PUT /api/v1/alert-policies/{id}',
        'DELETE /api/v1/alert-policies/{id}',
        'GET /api/v1/sites/{id}/alert-settings',
        'PUT /api/v1/sites/{id}/alert-settings',
        'POST /api/v1/enroll',
      ].sort(),
    );
  });

  it('refuses a wrong password and requires login for sites', async () => {
    const bad = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: testAdmin.email, password: 'wrong' }),
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${server.url}/api/v1/sites`)).status).toBe(401);
  });

  it('creates, lists and reads a site with a one-time enrollment token', async () => {
    const created = SiteCreated.parse(await server.createSite());
    expect(created).toMatchObject({ ...exampleSite, status: 'unknown', cause: null, agentId: null });
    expect(created.enrollmentToken.length).toBeGreaterThanOrEqual(32);
    const list = (await (await server.api('/api/v1/sites')).json()) as unknown[];
    expect(list.map((s) => Site.parse(s).id)).toContain(created.id);
    const one = Site.parse(await (await server.api(`/api/v1/sites/${created.id}`)).json());
    expect(one).not.toHaveProperty('enrollmentToken');
    expect((await server.api('/api/v1/sites/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers a bad body with a 400 that names the field', async () => {
    const res = await server.api('/api/v1/sites', {
      method: 'POST',
      body: JSON.stringify({ ...exampleSite, contract: { downMbps: -5, upMbps: 40 } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; issues: { path: string }[] } };
    expect(body.error.message).toMatch(/^contract\.downMbps: /);
    expect(body.error.issues[0]?.path).toBe('contract.downMbps');
    const notJson = await server.api('/api/v1/sites', { method: 'POST', body: '{"name":' });
    expect(notJson.status).toBe(400);
  });

  it('spends an enrollment token once', async () => {
    const site = await server.createSite({ name: 'Once' });
    const first = await server.enroll(site.enrollmentToken);
    expect(first.mqtt.username).toBe(first.agentId);
    expect(first.mqtt.url).toBe(`mqtt://127.0.0.1:${server.mqttPort}`);
    const again = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: site.enrollmentToken }),
    });
    expect(again.status).toBe(410);
    const unknown = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(43) }),
    });
    expect(unknown.status).toBe(401);
    const read = Site.parse(await (await server.api(`/api/v1/sites/${site.id}`)).json());
    expect(read.agentId).toBe(first.agentId);
  });

  it('issues API tokens that work as Bearer credentials', async () => {
    const res = await server.api('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'script' }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const sites = await fetch(`${server.url}/api/v1/sites`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(sites.status).toBe(200);
    const wrong = await fetch(`${server.url}/api/v1/sites`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('logs out', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(testAdmin),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const me = async () =>
      (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
        user: unknown;
      };
    expect((await me()).user).toMatchObject({ email: testAdmin.email, role: 'admin' });
    await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
    expect((await me()).user).toBeNull();
    expect((await fetch(`${server.url}/api/v1/sites`, { headers: { cookie } })).status).toBe(401);
  });
});
