import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnrollResponse, SiteCreate, SiteCreated } from '@linewatch/shared';
import pino from 'pino';
import { ServerConfig } from '../config/schema.js';
import type { UplinkProbe } from '../detector/uplink-probes.js';
import { type RunningServer, startServer } from '../server.js';

export const testAdmin = { email: 'admin@example.test', password: 'correct horse battery staple' };

export const exampleSite: SiteCreate = {
  name: 'Bäckerei Schmidt',
  customer: 'Anna Schmidt',
  address: 'Hauptstraße 1, 10115 Berlin',
  carrier: 'Telekom',
  accessType: 'dsl',
  contract: { downMbps: 100, upMbps: 40 },
  business: false,
};

export interface TestServer extends RunningServer {
  url: string;
  dataDir: string;
  /** A logged-in session cookie header for the test admin. */
  cookie: string;
  api(path: string, init?: RequestInit): Promise<Response>;
  createSite(body?: Partial<SiteCreate>): Promise<SiteCreated>;
  enroll(token: string): Promise<EnrollResponse>;
  stop(): Promise<void>;
}

/**
 * Starts a real server on free loopback ports with a temporary data dir,
 * logged in as the test admin.
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  opts: { uplinkProbe?: UplinkProbe } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-server-'));
  const config = ServerConfig.parse({
    host: '127.0.0.1',
    httpPort: 0,
    mqttPort: 0,
    dataDir,
    adminEmail: testAdmin.email,
    adminPassword: testAdmin.password,
    reconnectGraceSeconds: 0,
    ...overrides,
  });
  const server = await startServer(config, {
    log: pino({ level: 'silent' }),
    dashboardDir: null,
    ...(opts.uplinkProbe ? { uplinkProbe: opts.uplinkProbe } : {}),
  });
  const url = `http://127.0.0.1:${server.httpPort}`;
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(testAdmin),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', cookie, ...(init.headers as Record<string, string>) },
    });
  return {
    ...server,
    url,
    dataDir,
    cookie,
    api,
    async createSite(body = {}) {
      const res = await api('/api/v1/sites', {
        method: 'POST',
        body: JSON.stringify({ ...exampleSite, ...body }),
      });
      if (res.status !== 201) throw new Error(`create site failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as SiteCreated;
    },
    async enroll(token) {
      const res = await fetch(`${url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, hostname: 'test-box' }),
      });
      if (res.status !== 200) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as EnrollResponse;
    },
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
