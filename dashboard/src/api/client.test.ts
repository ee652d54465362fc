import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';
import { ApiRequestError } from './errors';

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  orgId: '00000000-0000-4000-8000-000000000002',
  email: 'a@b.de',
  role: 'admin',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('createApiClient', () => {
  it('sends JSON to the versioned path and returns the answer', async () => {
    const fetch = vi.fn(async (_input: string, _init: RequestInit) => json(200, { user }));
    const api = createApiClient({ fetch });
    await expect(api.login({ email: 'a@b.de', password: 'pw' })).resolves.toEqual(user);
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/login', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: '{"email":"a@b.de","password":"pw"}',
    });
  });

  it('turns a refused connection into a network problem', async () => {
    const api = createApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const error = await failure(api.listSites());
    expect(error.problem.kind).toBe('network');
    expect(error.problem.status).toBeNull();
  });

  it('tells the listeners when a session request gets a 401', async () => {
    const api = createApiClient({
      fetch: async () => json(401, { error: { code: 'unauthorized', message: 'No' } }),
    });
    const listener = vi.fn();
    const unsubscribe = api.onUnauthorized(listener);
    expect((await failure(api.listSites())).problem.kind).toBe('unauthorized');
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await failure(api.me());
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not treat a wrong password as an expired session', async () => {
    const api = createApiClient({
      fetch: async () => json(401, { error: { code: 'invalid_credentials', message: 'Wrong' } }),
    });
    const listener = vi.fn();
    api.onUnauthorized(listener);
    const error = await failure(api.login({ email: 'a@b.de', password: 'x' }));
    expect(error.problem.code).toBe('invalid_credentials');
    expect(listener).not.toHaveBeenCalled();
  });

  it('passes field issues of a 400 through', async () => {
    const api = createApiClient({
      fetch: async () =>
        json(400, {
          error: { code: 'invalid_body', message: 'Bad', issues: [{ path: 'name', message: 'Required' }] },
        }),
    });
    const error = await failure(
      api.createSite({
        name: '',
        customer: 'c',
        address: 'a',
        carrier: 'x',
        accessType: 'dsl',
        contract: { downMbps: 1, upMbps: 1 },
        business: false,
      }),
    );
    expect(error.problem.issues).toEqual([{ path: 'name', message: 'Required' }]);
  });

  it('accepts an empty 204 for logout', async () => {
    const api = createApiClient({ fetch: async () => new Response(null, { status: 204 }) });
    await expect(api.logout()).resolves.toBeUndefined();
  });

  it('refuses a 200 that is not JSON (a misrouted HTML page)', async () => {
    const api = createApiClient({ fetch: async () => new Response('<!doctype html>', { status: 200 }) });
    expect((await failure(api.listSites())).problem.kind).toBe('unexpected');
  });

  it('explains a proxy error page without JSON as unavailable', async () => {
    const api = createApiClient({ fetch: async () => new Response('Bad Gateway', { status: 502 }) });
    expect((await failure(api.listSites())).problem.kind).toBe('unavailable');
  });

  it('escapes ids in paths', async () => {
    const fetch = vi.fn(async (_input: string, _init: RequestInit) => json(200, {}));
    await createApiClient({ fetch }).getSite('a/b');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/sites/a%2Fb');
  });
});
