import { Site, type SiteCreate, SiteCreated } from '@linewatch/shared';
import { type Proc, runTs, tempDir } from './processes.js';

export const admin = { email: 'admin@example.test', password: 'a long test password' };

export interface ServerProc extends Proc {
  url: string;
  mqttPort: number;
  dataDir: string;
  api(path: string, init?: RequestInit): Promise<Response>;
  createSite(body?: Partial<SiteCreate>): Promise<SiteCreated>;
  site(id: string): Promise<Site>;
}

export const exampleSite: SiteCreate = {
  name: 'Praxis Dr. Weber',
  customer: 'Dr. Jana Weber',
  address: 'Marktplatz 3, 04109 Leipzig',
  carrier: 'Telekom',
  accessType: 'dsl',
  contract: { downMbps: 250, upMbps: 40 },
  business: true,
};

/**
 * Starts `linewatch-server run` as a real process on free ports with a
 * temporary data dir (or `options.dataDir`, to restart a server on its
 * data), and logs in as the admin.
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv = {},
  options: { dataDir?: string } = {},
): Promise<ServerProc> {
  const dataDir = options.dataDir ?? tempDir('server');
  const proc = runTs('server/src/cli.ts', ['run'], {
    LINEWATCH_HTTP_PORT: '0',
    LINEWATCH_MQTT_PORT: '0',
    LINEWATCH_HOST: '127.0.0.1',
    LINEWATCH_DATA_DIR: dataDir,
    LINEWATCH_ADMIN_EMAIL: admin.email,
    LINEWATCH_ADMIN_PASSWORD: admin.password,
    ...env,
  });
  const m = await proc.waitFor(/"httpPort":(\d+),"mqttPort":(\d+),"msg":"linewatch server started"/);
  const url = `http://127.0.0.1:${m[1]}`;
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
  return {
    ...proc,
    url,
    mqttPort: Number(m[2]),
    dataDir,
    api,
    async createSite(body = {}) {
      const res = await api('/api/v1/sites', {
        method: 'POST',
        body: JSON.stringify({ ...exampleSite, ...body }),
      });
      if (res.status !== 201) throw new Error(`create site: ${res.status} ${await res.text()}`);
      return SiteCreated.parse(await res.json());
    },
    async site(id) {
      return Site.parse(await (await api(`/api/v1/sites/${id}`)).json());
    },
  };
}

/** Polls until `probe` returns a truthy value. */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
