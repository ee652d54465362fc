import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arpStateOf, parseArpTable, readArpState } from './arp.js';

// /proc/net/arp as Linux prints it (`%-16s 0x%-10x0x%-10x%-17s     *        %s`).
const table = `IP address       HW type     Flags       HW address            Mask     Device
192.168.178.1    0x1         0x2         3c:a6:2f:12:34:56     *        eth0
192.168.178.20   0x1         0x0         00:00:00:00:00:00     *        eth0
192.168.178.30   0x1         0x6         3c:a6:2f:ab:cd:ef     *        eth0
10.0.0.1         0x1         0x0         00:00:00:00:00:00     *        wlan0
10.0.0.1         0x1         0x2         3c:a6:2f:00:00:01     *        eth0
`;

describe('parseArpTable', () => {
  it('reads every row by position', () => {
    const entries = parseArpTable(table);
    expect(entries).toHaveLength(5);
    expect(entries[0]).toEqual({
      ip: '192.168.178.1',
      hwType: 1,
      flags: 2,
      hwAddress: '3c:a6:2f:12:34:56',
      device: 'eth0',
    });
  });

  it('gives nothing for a header-only table and skips malformed lines', () => {
    expect(parseArpTable(table.split('\n')[0] as string)).toEqual([]);
    expect(parseArpTable(`${table}garbage\n1.2.3.4 0x1 zz 00:00:00:00:00:00 * eth0\n\n`)).toHaveLength(5);
    expect(parseArpTable('')).toEqual([]);
  });
});

describe('arpStateOf', () => {
  const entries = parseArpTable(table);
  it.each([
    ['192.168.178.1', undefined, 'complete'],
    ['192.168.178.20', undefined, 'incomplete'],
    ['192.168.178.30', undefined, 'complete'], // permanent (0x6) is complete too
    ['192.168.178.99', undefined, 'absent'],
    ['10.0.0.1', undefined, 'complete'], // complete on one interface
    ['10.0.0.1', 'wlan0', 'incomplete'],
    ['10.0.0.1', 'eth1', 'absent'],
  ])('%s on %s is %s', (ip, device, expected) => {
    expect(arpStateOf(entries, ip, device)).toBe(expected);
  });

  it('does not match an IP by prefix', () => {
    expect(arpStateOf(entries, '192.168.178.2')).toBe('absent');
  });
});

describe('readArpState', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linewatch-arp-'));
    await writeFile(join(dir, 'arp'), table);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a table from an injected path', async () => {
    expect(await readArpState('192.168.178.1', { path: join(dir, 'arp') })).toBe('complete');
    expect(await readArpState('10.0.0.1', { path: join(dir, 'arp'), device: 'wlan0' })).toBe('incomplete');
  });

  it('is null (unknown), not absent, when the table cannot be read', async () => {
    expect(await readArpState('192.168.178.1', { path: join(dir, 'missing') })).toBeNull();
  });

  it.runIf(process.platform === 'linux')('reads the real /proc/net/arp', async () => {
    expect(['complete', 'incomplete', 'absent']).toContain(await readArpState('127.0.0.1'));
  });
});
