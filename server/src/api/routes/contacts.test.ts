import { Contact } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (body: unknown) =>
  server.api('/api/v1/contacts', { method: 'POST', body: JSON.stringify(body) });

describe('contacts', () => {
  it('adds a contact with the phone number in international format, lists, edits and removes it', async () => {
    const created = await post({ name: 'Jana Kurz', phone: '0049 (157) 901-23456', note: 'Technikerin' });
    expect(created.status).toBe(201);
    const jana = Contact.parse(await created.json());
    expect(jana).toMatchObject({ name: 'Jana Kurz', phone: '+4915790123456', email: null, language: 'de' });

    await post({ name: 'Anton Berg', email: 'anton@shop.example', language: 'en' });
    const list = (await (await server.api('/api/v1/contacts')).json()) as Contact[];
    expect(list.map((c) => c.name)).toEqual(['Anton Berg', 'Jana Kurz']);

    const put = await server.api(`/api/v1/contacts/${jana.id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Jana Kurz', phone: '+4915790123456', email: 'jana@shop.example' }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ email: 'jana@shop.example', note: '' });

    expect((await server.api(`/api/v1/contacts/${jana.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.api(`/api/v1/contacts/${jana.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a contact nobody can reach, or a number that is not one, naming the field', async () => {
    const none = await post({ name: 'Niemand' });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: { issues: [{ path: 'email' }] } });
    const bad = await post({ name: 'Falsch', phone: '0157 901' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'phone' }] } });
    expect((await fetch(`${server.url}/api/v1/contacts`)).status).toBe(401);
  });
});
