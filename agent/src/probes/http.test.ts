import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpProbeResult } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedPort } from '../testing/loopback.js';
import { createHttpProbe, probeHttp } from './http.js';

/** Routes of the loopback test server. */
const routes: RequestListener = (req, res) => {
  if (req.url === '/ok') res.end('hello');
  else if (req.url === '/unavailable') {
    res.statusCode = 503;
    res.end('down for maintenance');
  } else if (req.url === '/redirect') {
    res.writeHead(301, { location: '/ok' }).end();
  } else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000).unref();
  else if (req.url === '/big') {
    res.write(Buffer.alloc(64 * 1024)); // more than the cap; the rest never comes
  } else res.writeHead(404).end();
};

async function listen(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('probeHttp against a loopback HTTP server', () => {
  let srv: Awaited<ReturnType<typeof listen>>;
  let base: string;
  beforeAll(async () => {
    srv = await listen(createHttpServer(routes));
    base = `http://127.0.0.1:${srv.port}`;
  });
  afterAll(async () => {
    await srv.close();
  });

  it('measures a 200 with its phases', async () => {
    const result = await probeHttp(`${base}/ok`, { timeoutMs: 2000 });
    expect(HttpProbeResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({ kind: 'http', url: `${base}/ok`, ok: true, status: 200, error: null });
    const { dns, connect, tls, firstByte, total } = result.phasesMs;
    expect(dns).toBeNull(); // an IP literal is not resolved
    expect(tls).toBeNull();
    expect(connect).toBeGreaterThanOrEqual(0);
    expect(firstByte).toBeGreaterThanOrEqual(0);
    expect(total).toBeGreaterThanOrEqual((connect ?? 0) + (firstByte ?? 0) - 0.05);
  });

  it('counts a 503 as not ok, with the status', async () => {
    const result = await probeHttp(`${base}/unavailable`, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, status: 503, error: null });
    expect(result.phasesMs.total).not.toBeNull();
  });

  it('takes a redirect as an answer without following it', async () => {
    expect(await probeHttp(`${base}/redirect`, { timeoutMs: 2000 })).toMatchObject({ ok: true, status: 301 });
  });

  it('times out a slow server after the connection and before the first byte', async () => {
    const started = performance.now();
    const result = await probeHttp(`${base}/slow`, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'timeout' });
    expect(result.phasesMs).toMatchObject({ firstByte: null, total: null });
    expect(result.phasesMs.connect).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('stops reading at the body cap', async () => {
    const result = await probeHttp(`${base}/big`, { timeoutMs: 2000, maxBodyBytes: 1024 });
    expect(result).toMatchObject({ ok: true, status: 200, error: null });
  });

  it('measures name resolution for a host name', async () => {
    // A lookup of our own: the name must not leave the machine, whatever /etc/hosts says.
    const lookup: LookupFunction = (_name, options, callback) =>
      setTimeout(() => {
        if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
        else callback(null, '127.0.0.1', 4);
      }, 20);
    const result = await probeHttp(`http://router.test:${srv.port}/ok`, { timeoutMs: 2000, lookup });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.phasesMs.dns).toBeGreaterThanOrEqual(15);
  });

  it('runs one fetch per URL at a time', async () => {
    const http = createHttpProbe({ timeoutMs: 2000 });
    const [a, b] = await Promise.all([http(`${base}/ok`), http(`${base}/ok`)]);
    expect(a).toBe(b);
  });
});

describe('probeHttp failures', () => {
  it('reports a refused connection', async () => {
    const port = await refusedPort();
    const result = await probeHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'ECONNREFUSED' });
    expect(result.phasesMs).toEqual({ dns: null, connect: null, tls: null, firstByte: null, total: null });
  });

  it.each([
    ['not a URL', 'invalid URL'],
    ['ftp://127.0.0.1/', 'unsupported protocol ftp:'],
  ])('refuses %s', async (url, error) => {
    expect(await probeHttp(url, { timeoutMs: 500 })).toMatchObject({ ok: false, status: null, error });
  });
});

const openssl = !spawnSync('openssl', ['version']).error;

describe.skipIf(!openssl)(
  'probeHttp against a loopback HTTPS server (self-signed, made with openssl)',
  () => {
    let dir: string;
    let cert: string;
    let srv: Awaited<ReturnType<typeof listen>>;
    let url: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'linewatch-tls-'));
      // EC key: generated in milliseconds, unlike RSA.
      execFileSync(
        'openssl',
        [
          ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
          ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'],
          ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        ],
        { stdio: 'ignore' },
      );
      cert = await readFile(join(dir, 'cert.pem'), 'utf8');
      const key = await readFile(join(dir, 'key.pem'), 'utf8');
      srv = await listen(createHttpsServer({ key, cert }, routes));
      url = `https://127.0.0.1:${srv.port}/ok`;
    });
    afterAll(async () => {
      await srv?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('measures the TLS handshake without verifying the certificate', async () => {
      const result = await probeHttp(url, { timeoutMs: 2000, rejectUnauthorized: false });
      expect(result).toMatchObject({ ok: true, status: 200, error: null });
      expect(result.phasesMs.connect).not.toBeNull();
      expect(result.phasesMs.tls).toBeGreaterThan(0);
    });

    it('refuses the self-signed certificate by default', async () => {
      const result = await probeHttp(url, { timeoutMs: 2000 });
      expect(result).toMatchObject({ ok: false, status: null, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(result.phasesMs.connect).not.toBeNull();
    });

    it('trusts it when given as a CA', async () => {
      expect(await probeHttp(url, { timeoutMs: 2000, ca: cert })).toMatchObject({ ok: true, status: 200 });
    });
  },
);
