import { readFile } from 'node:fs/promises';
import type { ArpState } from '@linewatch/shared';

/** Where Linux lists its IPv4 neighbour (ARP) table. */
export const procNetArp = '/proc/net/arp';

/** One row of /proc/net/arp. */
export interface ArpEntry {
  ip: string;
  /** ARPHRD_* of the link, e.g. 0x1 = Ethernet. */
  hwType: number;
  /** ATF_* bits, see {@link arpFlags}. */
  flags: number;
  /** `00:00:00:00:00:00` while incomplete. */
  hwAddress: string;
  device: string;
}

/**
 * `Flags` bits (linux/if_arp.h). The kernel sets ATF_COM for every entry in
 * a NUD_VALID state (reachable, stale, delay, probe) and ATF_PERM|ATF_COM for
 * a permanent one (`net/ipv4/arp.c` arp_state_to_flags); 0x0 is an entry
 * still waiting for, or given up on, an answer (incomplete, failed).
 */
export const arpFlags = { complete: 0x2, permanent: 0x4 } as const;

/**
 * Parses the text of /proc/net/arp:
 * `IP address  HW type  Flags  HW address  Mask  Device`, one neighbour per
 * line. The header's names contain spaces, so columns are taken by position
 * (the kernel's format has not changed since 2.2). Malformed lines are skipped.
 *
 * @example
 * parseArpTable('IP address HW type Flags HW address Mask Device\n192.168.178.1 0x1 0x2 3c:a6:2f:00:00:01 * eth0\n')
 * // [{ ip: '192.168.178.1', hwType: 1, flags: 2, hwAddress: '3c:a6:2f:00:00:01', device: 'eth0' }]
 */
export function parseArpTable(text: string): ArpEntry[] {
  const entries: ArpEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [ip, hwType, flags, hwAddress, _mask, device] = line.trim().split(/\s+/);
    if (ip === undefined || device === undefined || hwAddress === undefined) continue;
    const entry = { ip, hwType: Number(hwType), flags: Number(flags), hwAddress, device };
    if (!Number.isInteger(entry.flags) || !Number.isInteger(entry.hwType)) continue;
    entries.push(entry);
  }
  return entries;
}

/**
 * The {@link ArpState} of an IP in an ARP table: `complete` when a row has
 * ATF_COM (the router answered ARP recently: layer 2 works), `incomplete`
 * when rows exist but none is complete, `absent` when there is no row.
 * Give `device` to look at one interface only.
 *
 * @example
 * arpStateOf(parseArpTable(text), '192.168.178.1') // 'complete'
 */
export function arpStateOf(entries: readonly ArpEntry[], ip: string, device?: string): ArpState {
  const rows = entries.filter((e) => e.ip === ip && (device === undefined || e.device === device));
  if (rows.length === 0) return 'absent';
  return rows.some((e) => (e.flags & arpFlags.complete) !== 0) ? 'complete' : 'incomplete';
}

/**
 * Reads the kernel's ARP state of an IP (Linux). Never rejects: when the
 * table cannot be read (not Linux, no /proc) it returns null, meaning
 * unknown, which is not the same as `absent`.
 *
 * @example
 * await readArpState('192.168.178.1') // 'complete'
 * await readArpState('192.168.178.1', { path: '/tmp/fixture-arp', device: 'eth0' })
 */
export async function readArpState(
  ip: string,
  options: { path?: string; device?: string } = {},
): Promise<ArpState | null> {
  try {
    const text = await readFile(options.path ?? procNetArp, 'utf8');
    return arpStateOf(parseArpTable(text), ip, options.device);
  } catch {
    return null;
  }
}
