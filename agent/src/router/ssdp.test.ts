import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouterEmulator, startRouterEmulator } from '../testing/router-emulator/index.js';
import { discoverRouters, mSearchMessage, parseSsdpResponse, searchTargets } from './ssdp.js';

describe('mSearchMessage', () => {
  it('builds the M-SEARCH with CRLF lines and an empty last line', () => {
    expect(mSearchMessage(searchTargets.igd, '239.255.255.250:1900', 2)).toBe(
      'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\n' +
        'ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n',
    );
  });
});

describe('parseSsdpResponse', () => {
  it('reads the real FRITZ!Box answer (DOMAIN.md §1)', () => {
    const text =
      'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://192.168.178.1:49000/igddesc.xml\r\n' +
      'SERVER: FRITZ!Box 7530 AX UPnP/1.0 AVM FRITZ!Box 7530 AX 256.08.25\r\nST: upnp:rootdevice\r\n\r\n';
    expect(parseSsdpResponse(text, '192.168.178.1')).toEqual({
      location: 'http://192.168.178.1:49000/igddesc.xml',
      server: 'FRITZ!Box 7530 AX UPnP/1.0 AVM FRITZ!Box 7530 AX 256.08.25',
      st: 'upnp:rootdevice',
      usn: null,
      kind: 'igd',
      from: '192.168.178.1',
    });
  });

  it('takes any header case, bare LF, and tells TR-064 by ST or file name', () => {
    const byName = 'http/1.1 200 ok\nlocation:http://192.168.178.1:49000/tr64desc.xml\nst: upnp:rootdevice\n';
    expect(parseSsdpResponse(byName, 'x')?.kind).toBe('tr064');
    const bySt = `HTTP/1.0 200 OK\r\nLocation: http://10.0.0.1/desc.xml\r\nSt: ${searchTargets.tr064}\r\n`;
    expect(parseSsdpResponse(bySt, 'x')?.kind).toBe('tr064');
  });

  it('refuses garbage without throwing', () => {
    for (const text of [
      '',
      'garbage',
      'HTTP/1.1 404 Not Found\r\nLOCATION: http://x/\r\n',
      'HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n',
      'HTTP/1.1 200 OK\r\nLOCATION: not a url\r\n',
      'HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\n',
      'NOTIFY * HTTP/1.1\r\nLOCATION: http://x/\r\n',
      '\u0000\u0001\u0002',
    ]) {
      expect(parseSsdpResponse(text, 'x')).toBeNull();
    }
  });
});

describe('discoverRouters on loopback', () => {
  let emulator: RouterEmulator;
  beforeAll(async () => {
    emulator = await startRouterEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('finds the emulator for both search targets and stops early', async () => {
    const started = Date.now();
    const found = await discoverRouters({ address: '127.0.0.1', port: emulator.ssdpPort, timeoutMs: 3000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(found.map((r) => [r.kind, r.location]).sort()).toEqual([
      ['igd', `http://127.0.0.1:${emulator.port}/igddesc.xml`],
      ['tr064', `http://127.0.0.1:${emulator.port}/tr64desc.xml`],
    ]);
    expect(found[0]?.server).toContain('FRITZ!Box 7590');
  });

  it('ignores garbage datagrams and keeps listening', async () => {
    const fake = createSocket('udp4');
    fake.on('message', (_data, from) => {
      fake.send('\u0000garbage', from.port, from.address);
      fake.send(
        'HTTP/1.1 200 OK\r\nLOCATION: http://127.0.0.1:1/igddesc.xml\r\n\r\n',
        from.port,
        from.address,
      );
    });
    fake.bind(0, '127.0.0.1');
    await once(fake, 'listening');
    const found = await discoverRouters({
      address: '127.0.0.1',
      port: fake.address().port,
      timeoutMs: 400,
      kinds: ['igd'],
    });
    fake.close();
    expect(found).toHaveLength(1);
    expect(found[0]?.location).toBe('http://127.0.0.1:1/igddesc.xml');
  });

  it('gives up after the timeout when nobody answers', async () => {
    const silent = createSocket('udp4');
    silent.bind(0, '127.0.0.1');
    await once(silent, 'listening');
    const started = Date.now();
    const found = await discoverRouters({
      address: '127.0.0.1',
      port: silent.address().port,
      timeoutMs: 300,
    });
    silent.close();
    expect(found).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('stops at once when its signal is aborted', async () => {
    const found = await discoverRouters({
      address: '127.0.0.1',
      port: emulator.ssdpPort,
      timeoutMs: 3000,
      signal: AbortSignal.abort(),
    });
    expect(found).toEqual([]);
  });
});
