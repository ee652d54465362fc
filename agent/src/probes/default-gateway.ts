import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';

/** The route the kernel sends internet traffic along. */
export interface DefaultRoute {
  /** IPv4 address of the gateway (the customer's router). */
  gateway: string;
  interface: string;
  metric: number;
}

/** `Flags` bits of /proc/net/route (linux/route.h). */
const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;

/** Where Linux lists the IPv4 routing table. */
export const procNetRoute = '/proc/net/route';

/**
 * Decodes an address column of /proc/net/route. The kernel prints the u32 as
 * it lies in memory (network byte order) with `%08X`, so on a little-endian
 * machine (every Raspberry Pi) the bytes come out reversed:
 * `01B2A8C0` → 192.168.178.1.
 *
 * @example
 * decodeRouteAddress('01B2A8C0', 'LE') // '192.168.178.1'
 * decodeRouteAddress('C0A8B201', 'BE') // '192.168.178.1'
 */
export function decodeRouteAddress(hex: string, byteOrder: 'LE' | 'BE'): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return (byteOrder === 'LE' ? bytes.reverse() : bytes).join('.');
}

/**
 * Finds the default route in the text of /proc/net/route: destination and
 * mask 0, flags RTF_UP and RTF_GATEWAY, the lowest metric winning (the first
 * listed on a tie, as the kernel would pick). Routes without a gateway
 * (point-to-point links) are skipped: there is no router to probe.
 * Columns are found by their header names, so extra columns do not matter.
 *
 * @param byteOrder of the machine that wrote the text; the running one by default.
 * @returns null when there is no usable default route.
 */
export function parseDefaultRoute(text: string, byteOrder: 'LE' | 'BE' = endianness()): DefaultRoute | null {
  const [header, ...lines] = text.split('\n');
  const col = columnIndex(header ?? '');
  if (!col) return null;
  let best: DefaultRoute | null = null;
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < col.count) continue;
    const flags = Number.parseInt(f[col.flags] ?? '', 16);
    const metric = Number.parseInt(f[col.metric] ?? '', 10);
    if (!Number.isInteger(flags) || !Number.isInteger(metric)) continue;
    if (f[col.destination] !== '00000000' || f[col.mask] !== '00000000') continue;
    if ((flags & RTF_UP) === 0 || (flags & RTF_GATEWAY) === 0) continue;
    const gateway = decodeRouteAddress(f[col.gateway] ?? '', byteOrder);
    if (!gateway || gateway === '0.0.0.0') continue;
    if (best === null || metric < best.metric) best = { gateway, interface: f[col.iface] ?? '', metric };
  }
  return best;
}

function columnIndex(header: string) {
  const names = header.trim().split(/\s+/);
  const at = (name: string) => names.indexOf(name);
  const col = {
    iface: at('Iface'),
    destination: at('Destination'),
    gateway: at('Gateway'),
    flags: at('Flags'),
    metric: at('Metric'),
    mask: at('Mask'),
    count: 0,
  };
  if (Object.values(col).some((i) => i < 0)) return null;
  col.count = Math.max(col.iface, col.destination, col.gateway, col.flags, col.metric, col.mask) + 1;
  return col;
}

/**
 * Reads the default route of this machine (Linux only).
 *
 * @throws when the routing table cannot be read (not Linux, no /proc).
 */
export async function readDefaultRoute(path: string = procNetRoute): Promise<DefaultRoute | null> {
  return parseDefaultRoute(await readFile(path, 'utf8'));
}
