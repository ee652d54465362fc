import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnrollRequest } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentError } from '../errors.js';
import { refusedPort } from '../testing/loopback.js';
import { parseCommand } from './args.js';
import { enroll } from './enroll.js';

/** Enrollment against an HTTP server on loopback that answers as the linewatch server would. */

const token = 'tok_0123456789abcdef0123';
const siteId = '0b6f2a51-7f8e-4c3a-9d2b-5a6c7d8e9f01';
let reply: (req: IncomingMessage, body: string, res: ServerResponse) => void;
const requests: { url: string; body: unknown }[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body: JSON.parse(body || 'null') });
      reply(req, body, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function answer(status: number, body: unknown) {
  reply = (_req, _body, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}
const enrolled = (agentId = 'a1b2c3d4-0000-4000-8000-000000000001') => ({
  agentId,
  siteId,
  mqtt: { url: 'mqtt://127.0.0.1:1883', username: agentId, password: 'secret-from-server' },
});

async function run(args: string[]) {
  const out: string[] = [];
  const io = { env: {}, out: (t: string) => out.push(t), err: () => {} };
  const exitCode = await enroll(parseCommand('enroll', args), io, { hostname: () => 'pi-kiosk' });
  return { exitCode, out: out.join('') };
}
const fail = (args: string[]) =>
  run(args).then(
    () => {
      throw new Error('expected enroll to fail');
    },
    (e: unknown) => e as AgentError,
  );
const configIn = () => join(mkdtempSync(join(tmpdir(), 'lw-enroll-')), 'agent.json');

describe('linewatch-agent enroll', () => {
  it('trades the token for a login and writes the config with mode 0600', async () => {
    answer(200, enrolled());
    const config = configIn();
    requests.length = 0;
    const { exitCode, out } = await run(['--server', `${base}/`, '--token', token, '--config', config]);
    expect(exitCode).toBe(0);
    expect(out).toBe(
      `Enrolled as agent a1b2c3d4-0000-4000-8000-000000000001 (site ${siteId}); config written to ${config}.\n`,
    );
    expect(requests[0]?.url).toBe('/api/v1/enroll');
    expect(EnrollRequest.parse(requests[0]?.body)).toMatchObject({ token, hostname: 'pi-kiosk' });
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toMatchObject({
      server: { url: base },
      agentId: 'a1b2c3d4-0000-4000-8000-000000000001',
      mqtt: { password: 'secret-from-server' },
      intervalSeconds: 10,
    });
  });

  it('keeps the probe settings of an existing config', async () => {
    const config = configIn();
    writeFileSync(config, JSON.stringify({ intervalSeconds: 30, probes: { targets: ['192.0.2.1:443'] } }));
    answer(200, enrolled());
    await run(['--server', base, '--token', token, '--config', config]);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toMatchObject({
      intervalSeconds: 30,
      probes: { targets: ['192.0.2.1:443'] },
      agentId: 'a1b2c3d4-0000-4000-8000-000000000001',
    });
  });

  it('says so when it replaces an enrollment', async () => {
    const config = configIn();
    answer(200, enrolled('a1b2c3d4-0000-4000-8000-00000000000a'));
    await run(['--server', base, '--token', token, '--config', config]);
    answer(200, enrolled('a1b2c3d4-0000-4000-8000-00000000000b'));
    const { out } = await run(['--server', base, '--token', token, '--config', config]);
    expect(out).toMatch(/^Replaced the enrollment of agent a1b2c3d4-0000-4000-8000-00000000000a\.\n/);
  });

  it.each([401, 410])('explains HTTP %i in one sentence and writes nothing', async (status) => {
    answer(status, { error: { code: 'token_spent', message: 'This enrollment token was already used.' } });
    const config = configIn();
    const error = await fail(['--server', base, '--token', token, '--config', config]);
    expect(error.message).toBe(
      'The enrollment token is unknown or already used; create a new one in the dashboard.',
    );
    expect(error.exitCode).toBe(1);
    expect(existsSync(config)).toBe(false);
  });

  it('passes on the message of another refusal', async () => {
    answer(429, { error: { code: 'rate_limited', message: 'Too many attempts.' } });
    const error = await fail(['--server', base, '--token', token, '--config', configIn()]);
    expect(error.message).toBe('The server refused the enrollment (HTTP 429: Too many attempts).');
  });

  it('refuses an answer that is not an enrollment', async () => {
    answer(200, { hello: 'world' });
    const error = await fail(['--server', base, '--token', token, '--config', configIn()]);
    expect(error.message).toMatch(
      /^The server's answer is not an enrollment \("agentId" is missing or wrong\)/,
    );
  });

  it('says when the server cannot be reached', async () => {
    const port = await refusedPort();
    const error = await fail([
      '--server',
      `http://127.0.0.1:${port}`,
      '--token',
      token,
      '--config',
      configIn(),
    ]);
    expect(error.message).toBe(
      `Cannot reach the server at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}).`,
    );
  });

  it('does not spend the token when the existing config is broken', async () => {
    const config = configIn();
    writeFileSync(config, '{"probes": {"attempts": 0}}');
    requests.length = 0;
    const error = await fail(['--server', base, '--token', token, '--config', config]);
    expect(error.message).toMatch(/"probes\.attempts" must be a whole number/);
    expect(requests).toEqual([]);
  });

  it.each([
    [['--token', token], /^enroll needs --server/],
    [['--server', 'ftp://x', '--token', token], /is not an http\(s\) URL/],
    [['--server', 'nonsense', '--token', token], /is not a URL/],
    [['--server', 'http://x'], /^enroll needs --token/],
    [['--server', 'http://x', '--token', 'short'], /^The enrollment token looks wrong/],
  ])('refuses %j as a usage error', async (args, message) => {
    const error = await fail([...args, '--config', configIn()]);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(64);
  });
});
