import { createSocket, type RemoteInfo } from 'node:dgram';

/** The SSDP multicast group (UDA 1.1 §1.1.2); FRITZ! devices only answer M-SEARCH, they never NOTIFY. */
export const ssdpMulticast = { address: '239.255.255.250', port: 1900 } as const;

/** Search targets: UPnP IGD and the TR-064 device of a FRITZ!Box (DOMAIN.md §1, §2). */
export const searchTargets = {
  igd: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
  tr064: 'urn:dslforum-org:device:InternetGatewayDevice:1',
} as const;
export type SearchKind = keyof typeof searchTargets;

/** One answer to an M-SEARCH. */
export interface SsdpResponse {
  /** The description URL (`LOCATION`), always `http:`. */
  location: string;
  server: string | null;
  st: string | null;
  usn: string | null;
  /** Which description it points to, from ST or else the LOCATION's file name. */
  kind: SearchKind;
  /** The address the datagram came from. */
  from: string;
}

/**
 * The M-SEARCH request (UDA 1.1 §1.3.2): CRLF line ends, an empty line at
 * the end, `MAN` quoted, `MX` the seconds a device may wait before answering.
 *
 * @example
 * mSearchMessage(searchTargets.igd, '239.255.255.250:1900', 2)
 * // 'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n'
 */
export function mSearchMessage(st: string, host: string, mx: number): string {
  return [
    'M-SEARCH * HTTP/1.1',
    `HOST: ${host}`,
    'MAN: "ssdp:discover"',
    `MX: ${mx}`,
    `ST: ${st}`,
    '',
    '',
  ].join('\r\n');
}

function kindOf(st: string | null, location: URL): SearchKind {
  if (st === searchTargets.tr064) return 'tr064';
  if (st === searchTargets.igd) return 'igd';
  // A FRITZ!Box may answer with `ST: upnp:rootdevice` (DOMAIN.md §1); the file name tells.
  return location.pathname.toLowerCase().includes('tr64') ? 'tr064' : 'igd';
}

/**
 * Parses one SSDP answer: an HTTP/1.x 200 status line and `NAME: value`
 * headers in any case, LF or CRLF. Anything without an `http:` LOCATION is
 * refused with null; never throws.
 *
 * @example
 * parseSsdpResponse('HTTP/1.1 200 OK\r\nLOCATION: http://192.168.178.1:49000/igddesc.xml\r\nST: upnp:rootdevice\r\n\r\n', '192.168.178.1')
 * // { location: 'http://192.168.178.1:49000/igddesc.xml', server: null, st: 'upnp:rootdevice', usn: null, kind: 'igd', from: '192.168.178.1' }
 */
export function parseSsdpResponse(text: string, from: string): SsdpResponse | null {
  const [status = '', ...lines] = text.split(/\r?\n/);
  if (!/^HTTP\/1\.[01] 200\b/i.test(status.trim())) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const location = headers.get('location');
  if (!location) return null;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  const st = headers.get('st') ?? null;
  return {
    location: url.href,
    server: headers.get('server') ?? null,
    st,
    usn: headers.get('usn') ?? null,
    kind: kindOf(st, url),
    from,
  };
}

export interface DiscoverOptions {
  /** Where M-SEARCH goes; the multicast group unless a test points it at a loopback responder. */
  address?: string;
  port?: number;
  /** How long to listen, ms. */
  timeoutMs: number;
  /** The MX header, s (1–5); devices spread their answers over it. */
  mx?: number;
  kinds?: readonly SearchKind[];
  /** Local address to bind; a loopback target binds to 127.0.0.1. */
  bindAddress?: string;
  signal?: AbortSignal;
}

/**
 * Sends an M-SEARCH for each kind (twice, as UDP may drop one; UDA 1.1
 * §1.3.2 recommends repeating) and collects the answers until every kind has
 * answered or the time is up. Garbage datagrams are ignored; socket errors
 * end the search with what was found. Never throws.
 *
 * @example
 * await discoverRouters({ timeoutMs: 2500 })
 * // [{ kind: 'tr064', location: 'http://192.168.178.1:49000/tr64desc.xml', … }, { kind: 'igd', … }]
 */
export function discoverRouters(options: DiscoverOptions): Promise<SsdpResponse[]> {
  const address = options.address ?? ssdpMulticast.address;
  const port = options.port ?? ssdpMulticast.port;
  const kinds = options.kinds ?? (['tr064', 'igd'] as const);
  const mx = Math.min(5, Math.max(1, options.mx ?? 2));
  const found = new Map<string, SsdpResponse>();
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4' });
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', finish);
      socket.close();
      resolve([...found.values()]);
    };
    const send = () => {
      for (const kind of kinds) {
        const message = Buffer.from(mSearchMessage(searchTargets[kind], `${address}:${port}`, mx));
        socket.send(message, port, address, () => {});
      }
    };
    socket.on('error', finish);
    socket.on('message', (data: Buffer, from: RemoteInfo) => {
      const response = parseSsdpResponse(data.toString('latin1'), from.address);
      if (response === null || found.has(response.location)) return;
      found.set(response.location, response);
      const seen = new Set([...found.values()].map((r) => r.kind));
      if (kinds.every((k) => seen.has(k))) finish();
    });
    if (options.signal?.aborted) return finish();
    options.signal?.addEventListener('abort', finish, { once: true });
    timers.push(setTimeout(finish, options.timeoutMs));
    const bind = options.bindAddress ?? (address.startsWith('127.') ? '127.0.0.1' : undefined);
    socket.bind({ port: 0, address: bind }, () => {
      if (done) return;
      // UDA 1.1 §1.1.2: multicast TTL defaults to 2, enough for one router hop.
      if (address === ssdpMulticast.address) socket.setMulticastTTL(2);
      send();
      timers.push(setTimeout(send, Math.min(500, options.timeoutMs / 2)));
    });
  });
}
