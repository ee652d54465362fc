import { type User, UserCreated } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testAdmin } from '../../testing/fixtures.js';
import { readSse } from '../../testing/sse.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function logIn(
  email: string,
  password: string,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return (path, init = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
}
const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

describe('users and roles', () => {
  it('adds a technician with a generated password, who sees everything but changes no settings', async () => {
    const res = await server.api(
      '/api/v1/users',
      json('POST', { email: 'tech@shop.example', role: 'technician' }),
    );
    expect(res.status).toBe(201);
    const tech = UserCreated.parse(await res.json());
    expect(tech.password?.length).toBeGreaterThanOrEqual(12);
    const asTech = await logIn('tech@shop.example', tech.password as string);
    const site = await server.createSite();

    expect((await asTech('/api/v1/sites')).status).toBe(200);
    expect((await asTech('/api/v1/users')).status).toBe(200);
    const refused = await asTech('/api/v1/sites', json('POST', { name: 'x' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await asTech(`/api/v1/sites/${site.id}`, json('PATCH', { name: 'y' }))).status).toBe(403);
    expect((await asTech('/api/v1/alert-channels', json('POST', {}))).status).toBe(403);
    expect((await asTech('/api/v1/users', json('POST', { email: 'x@shop.example' }))).status).toBe(403);
    // "Check now" is for everyone: the answer is about the box, not the role.
    expect(
      (await asTech(`/api/v1/sites/${site.id}/commands`, json('POST', { name: 'check_now' }))).status,
    ).not.toBe(403);
    // Without a login it is still 401, not 403.
    expect((await fetch(`${server.url}/api/v1/sites`, json('POST', {}))).status).toBe(401);
  });

  it('keeps the last administrator, and ends a removed user’s sessions at once', async () => {
    const users = (await (await server.api('/api/v1/users')).json()) as User[];
    const admin = users.find((u) => u.email === testAdmin.email) as User;
    expect(
      (await server.api(`/api/v1/users/${admin.id}`, json('PATCH', { role: 'technician' }))).status,
    ).toBe(409);
    expect((await server.api(`/api/v1/users/${admin.id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await server.api('/api/v1/users', json('POST', { email: testAdmin.email }))).status).toBe(409);

    const created = UserCreated.parse(
      await (
        await server.api(
          '/api/v1/users',
          json('POST', { email: 'aushilfe@shop.example', password: 'a good long password' }),
        )
      ).json(),
    );
    expect(created.password).toBeUndefined();
    const asHelper = await logIn('aushilfe@shop.example', 'a good long password');
    expect((await asHelper('/api/v1/sites')).status).toBe(200);
    expect((await server.api(`/api/v1/users/${created.id}`, json('PATCH', { role: 'admin' }))).status).toBe(
      200,
    );
    expect((await server.api(`/api/v1/users/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asHelper('/api/v1/sites')).status).toBe(401);
  });

  it('ends the live feed of a user removed while watching it', { timeout: 45_000 }, async () => {
    const created = UserCreated.parse(
      await (
        await server.api(
          '/api/v1/users',
          json('POST', { email: 'ehemalig@shop.example', password: 'a good long password' }),
        )
      ).json(),
    );
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ehemalig@shop.example', password: 'a good long password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const feed = await readSse(`${server.url}/api/v1/events`, cookie);
    let ended = false;
    void feed.ended.then(() => {
      ended = true;
    });
    expect((await server.api(`/api/v1/users/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    // The stream re-checks its login at least every heartbeat (15 s).
    await Promise.race([feed.ended, new Promise((r) => setTimeout(r, 30_000))]);
    feed.close();
    expect(ended).toBe(true);
  });

  it('changes one’s own password with the current one, ending the other sessions', async () => {
    await server.api(
      '/api/v1/users',
      json('POST', { email: 'eva@shop.example', password: 'first password!' }),
    );
    const here = await logIn('eva@shop.example', 'first password!');
    const elsewhere = await logIn('eva@shop.example', 'first password!');
    const wrong = await here(
      '/api/v1/auth/password',
      json('POST', { currentPassword: 'nope', newPassword: 'second password!' }),
    );
    expect(wrong.status).toBe(403);
    const short = await here(
      '/api/v1/auth/password',
      json('POST', { currentPassword: 'first password!', newPassword: 'short' }),
    );
    expect(short.status).toBe(400);
    const ok = await here(
      '/api/v1/auth/password',
      json('POST', { currentPassword: 'first password!', newPassword: 'second password!' }),
    );
    expect(ok.status).toBe(204);
    expect((await here('/api/v1/sites')).status).toBe(200);
    expect((await elsewhere('/api/v1/sites')).status).toBe(401);
    await logIn('eva@shop.example', 'second password!');
  });
});
