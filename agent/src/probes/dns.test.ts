import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { DnsProbeResult } from '@linewatch/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDnsProbe, probeDns } from './dns.js';
import { startTestingDnsServer, type TestingDnsServer } from './testing-dns-server.js';

/** A UDP port on 127.0.0.1 that nothing listens on: queries get ICMP port unreachable. */
async function closedUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

describe('probeDns against a loopback DNS server', () => {
  let dns: TestingDnsServer;
  beforeAll(async () => {
    dns = await startTestingDnsServer({ answer: '10.9.9.9' });
  });
  beforeEach(() => {
    dns.mode = 'answer';
  });
  afterAll(async () => {
    await dns.close();
  });

  it('measures a successful resolution', async () => {
    const result = await probeDns('example.com', dns.address, { timeoutMs: 2000 });
    expect(DnsProbeResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      kind: 'dns',
      resolver: dns.address,
      name: 'example.com',
      ok: true,
      answers: 1,
      error: null,
    });
    expect(result.timeMs).toBeGreaterThanOrEqual(0);
    expect(result.timeMs).toBeLessThan(2000);
    expect(dns.queries.at(-1)).toBe('example.com');
  });

  it.each([
    ['servfail', 'ESERVFAIL'],
    ['nxdomain', 'ENOTFOUND'],
    ['refused', 'EREFUSED'],
  ] as const)('reports %s as %s, with the time the answer took', async (mode, error) => {
    dns.mode = mode;
    const result = await probeDns('example.com', dns.address, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, answers: 0, error });
    expect(result.timeMs).not.toBeNull();
  });

  it('reports NOERROR without records as ENODATA', async () => {
    const result = await probeDns('example.com', dns.address, { timeoutMs: 2000, family: 6 });
    expect(result).toMatchObject({ ok: false, answers: 0, error: 'ENODATA' });
  });

  it('times out at the deadline when no answer comes, with no time to report', async () => {
    dns.mode = 'silent';
    const started = performance.now();
    const result = await probeDns('example.com', dns.address, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, timeMs: null, answers: 0, error: 'ETIMEOUT' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('measures a slow answer within the timeout', async () => {
    dns.mode = 'slow';
    dns.delayMs = 200;
    const result = await probeDns('example.com', dns.address, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, answers: 1 });
    expect(result.timeMs).toBeGreaterThanOrEqual(195);
  });

  it('times out an answer slower than the timeout', async () => {
    dns.mode = 'slow';
    dns.delayMs = 600;
    expect(await probeDns('example.com', dns.address, { timeoutMs: 250 })).toMatchObject({
      ok: false,
      error: 'ETIMEOUT',
    });
  });

  it('labels the system resolver `system`', async () => {
    const result = await probeDns('example.com', 'system', { timeoutMs: 2000, systemServers: [dns.address] });
    expect(result).toMatchObject({ resolver: 'system', ok: true, answers: 1 });
  });

  it('resolves through ::1 when loopback has IPv6', async () => {
    const dns6 = await startTestingDnsServer({ host: '::1' }).catch(() => null);
    if (!dns6) return; // IPv6 disabled on this machine.
    try {
      expect(await probeDns('example.com', dns6.address, { timeoutMs: 2000 })).toMatchObject({ ok: true });
    } finally {
      await dns6.close();
    }
  });

  it('runs one resolution per resolver and name at a time', async () => {
    dns.mode = 'slow';
    dns.delayMs = 100;
    const before = dns.queries.length;
    const probe = createDnsProbe({ timeoutMs: 2000 });
    const [a, b, c] = await Promise.all([
      probe('example.com', dns.address),
      probe('example.com', dns.address),
      probe('example.org', dns.address),
    ]);
    expect(a).toBe(b);
    expect(c.name).toBe('example.org');
    expect(dns.queries.length - before).toBe(2);
  });
});

describe('probeDns failures without a server', () => {
  it('reports ECONNREFUSED from a port nothing listens on', async () => {
    const port = await closedUdpPort();
    const result = await probeDns('example.com', `127.0.0.1:${port}`, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, timeMs: null, error: 'ECONNREFUSED' });
  });

  it('reports a resolver that is not an IP', async () => {
    const result = await probeDns('example.com', 'dns.example', { timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false, timeMs: null, error: 'ERR_INVALID_IP_ADDRESS' });
  });

  it('moves on to the next system resolver when the first is silent', async () => {
    const silent = await startTestingDnsServer({ mode: 'silent' });
    const answering = await startTestingDnsServer();
    try {
      const result = await probeDns('example.com', 'system', {
        timeoutMs: 5000,
        systemServers: [silent.address, answering.address],
      });
      expect(result).toMatchObject({ ok: true, answers: 1 });
      expect(silent.queries).toHaveLength(1);
    } finally {
      await silent.close();
      await answering.close();
    }
  });
});
