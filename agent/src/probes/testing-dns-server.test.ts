import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { probeDns } from './dns.js';
import { startTestingDnsServer, type TestingDnsServer } from './testing-dns-server.js';

describe('startTestingDnsServer', () => {
  let dns: TestingDnsServer | null = null;
  afterEach(async () => {
    await dns?.close();
    dns = null;
  });

  it('answers every A query with the configured address and records the names', async () => {
    dns = await startTestingDnsServer({ answer: '10.9.9.9' });
    expect(dns.address).toBe(`127.0.0.1:${dns.port}`);
    expect(await probeDns('a.example', dns.address, { timeoutMs: 1000 })).toMatchObject({
      ok: true,
      answers: 1,
    });
    expect(await probeDns('b.example', dns.address, { timeoutMs: 1000 })).toMatchObject({ ok: true });
    expect(dns.queries).toEqual(['a.example', 'b.example']);
  });

  it('switches mode while running', async () => {
    dns = await startTestingDnsServer({ mode: 'nxdomain' });
    expect((await probeDns('x.example', dns.address, { timeoutMs: 1000 })).error).toBe('ENOTFOUND');
    dns.mode = 'servfail';
    expect((await probeDns('x.example', dns.address, { timeoutMs: 1000 })).error).toBe('ESERVFAIL');
  });

  it('closes with a slow answer still pending', async () => {
    dns = await startTestingDnsServer({ mode: 'slow', delayMs: 5000 });
    const pending = probeDns('x.example', dns.address, { timeoutMs: 200 });
    await dns.close();
    dns = null;
    expect((await pending).error).toBe('ETIMEOUT');
  });
});

describe('testing-dns-server as a command', () => {
  it('serves from the command line until SIGTERM', async () => {
    const file = fileURLToPath(new URL('./testing-dns-server.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', file, '--host', '127.0.0.1', '--port', '0', '--answer', '10.9.9.9'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const address = /listening on (\S+)/.exec(chunk.toString())?.[1] ?? '';
      expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(await probeDns('any.example', address, { timeoutMs: 2000 })).toMatchObject({
        ok: true,
        answers: 1,
      });
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
