import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRouteAddress, parseDefaultRoute, readDefaultRoute } from './default-gateway.js';

const header = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT';

/** Builds a /proc/net/route text as the kernel prints it (tab-separated, trailing spaces). */
function table(...rows: string[][]): string {
  return `${[header, ...rows.map((r) => `${r.join('\t')}\t\t\t\t\t\t\t\t\t\t`)].join('\n')}\n`;
}

const row = (iface: string, dest: string, gw: string, flags: string, metric: string, mask: string) => [
  iface,
  dest,
  gw,
  flags,
  '0',
  '0',
  metric,
  mask,
  '0',
  '0',
  '0',
];

describe('decodeRouteAddress', () => {
  it.each([
    ['01B2A8C0', 'LE', '192.168.178.1'],
    ['C0A8B201', 'BE', '192.168.178.1'],
    ['0100A8C0', 'LE', '192.168.0.1'],
    ['00000000', 'LE', '0.0.0.0'],
    ['FEA9FEA9', 'LE', '169.254.169.254'],
    ['0101FEA9', 'LE', '169.254.1.1'],
  ] as const)('%s (%s) → %s', (hex, order, ip) => {
    expect(decodeRouteAddress(hex, order)).toBe(ip);
  });

  it.each(['', '01B2A8C', '01B2A8C0FF', 'XYZ2A8C0'])('rejects %j', (hex) => {
    expect(decodeRouteAddress(hex, 'LE')).toBeNull();
  });
});

describe('parseDefaultRoute', () => {
  it('finds the FRITZ!Box default route of a Raspberry Pi', () => {
    const text = table(
      row('eth0', '00000000', '01B2A8C0', '0003', '100', '00000000'),
      row('eth0', '00B2A8C0', '00000000', '0001', '100', '00FFFFFF'),
    );
    expect(parseDefaultRoute(text, 'LE')).toEqual({
      gateway: '192.168.178.1',
      interface: 'eth0',
      metric: 100,
    });
  });

  it('takes the lowest metric of several default routes', () => {
    const text = table(
      row('wlan0', '00000000', '0100A8C0', '0003', '600', '00000000'),
      row('eth0', '00000000', '01B2A8C0', '0003', '100', '00000000'),
      row('usb0', '00000000', '012AA8C0', '0003', '700', '00000000'),
    );
    expect(parseDefaultRoute(text, 'LE')).toMatchObject({ gateway: '192.168.178.1', interface: 'eth0' });
  });

  it('keeps the first of equal metrics, as the kernel does', () => {
    const text = table(
      row('wlan0', '00000000', '0100A8C0', '0003', '100', '00000000'),
      row('eth0', '00000000', '01B2A8C0', '0003', '100', '00000000'),
    );
    expect(parseDefaultRoute(text, 'LE')?.interface).toBe('wlan0');
  });

  it('is null without a default route', () => {
    const text = table(row('eth0', '00B2A8C0', '00000000', '0001', '0', '00FFFFFF'));
    expect(parseDefaultRoute(text, 'LE')).toBeNull();
  });

  it('is null for an empty table or garbage', () => {
    expect(parseDefaultRoute(`${header}\n`, 'LE')).toBeNull();
    expect(parseDefaultRoute('', 'LE')).toBeNull();
    expect(parseDefaultRoute('no such thing\n1 2 3', 'LE')).toBeNull();
  });

  it('skips routes that are down or have no gateway', () => {
    const text = table(
      row('eth0', '00000000', '01B2A8C0', '0002', '50', '00000000'), // not RTF_UP
      row('ppp0', '00000000', '00000000', '0001', '60', '00000000'), // point-to-point, no gateway
      row('wlan0', '00000000', '0100A8C0', '0003', '600', '00000000'),
    );
    expect(parseDefaultRoute(text, 'LE')).toMatchObject({ gateway: '192.168.0.1', interface: 'wlan0' });
  });

  it('does not take a host route with a zero mask elsewhere for the default', () => {
    const text = table(row('eth0', '0A00000A', '01B2A8C0', '0003', '0', '00000000'));
    expect(parseDefaultRoute(text, 'LE')).toBeNull();
  });

  it('reads big-endian tables in network order', () => {
    const text = table(row('eth0', '00000000', 'C0A8B201', '0003', '0', '00000000'));
    expect(parseDefaultRoute(text, 'BE')?.gateway).toBe('192.168.178.1');
    // The same text read as little-endian gives the reversed address: the order matters.
    expect(parseDefaultRoute(text, 'LE')?.gateway).toBe('1.178.168.192');
  });

  it('skips malformed rows', () => {
    const text = `${header}\neth0\t00000000\n${table(row('eth0', '00000000', '01B2A8C0', '0003', 'x', '00000000')).split('\n')[1]}\n`;
    expect(parseDefaultRoute(text, 'LE')).toBeNull();
  });
});

describe('readDefaultRoute', () => {
  it('reads a routing table file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-route-'));
    const path = join(dir, 'route');
    await writeFile(path, table(row('eth0', '00000000', '01B2A8C0', '0003', '100', '00000000')));
    // Written in little-endian form, so only compare on a little-endian machine.
    const route = await readDefaultRoute(path);
    expect(route?.interface).toBe('eth0');
  });

  it('rejects when there is no table', async () => {
    await expect(readDefaultRoute('/nonexistent/route')).rejects.toThrow();
  });
});
