import { createSocket } from 'node:dgram';
import { once } from 'node:events';

/** What the responder announces; read on every M-SEARCH so scenarios apply at once. */
export interface SsdpAnnouncement {
  /** `LOCATION` for the TR-064 and the IGD search target; null hides that one. */
  tr064Location: string | null;
  igdLocation: string | null;
  server: string;
}

const targets = {
  tr064: 'urn:dslforum-org:device:InternetGatewayDevice:1',
  igd: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
};

/**
 * An SSDP responder on 127.0.0.1 (a port of its own instead of 1900, which
 * needs the multicast group and may be taken). Answers an M-SEARCH (UDA 1.1
 * §1.3.3) for the IGD or TR-064 device type, `upnp:rootdevice` or
 * `ssdp:all` with one unicast datagram per matching description; anything
 * else is ignored, like a FRITZ!Box, which never sends NOTIFY.
 */
export async function startSsdpResponder(announce: () => SsdpAnnouncement) {
  const socket = createSocket({ type: 'udp4' });
  socket.on('message', (data, from) => {
    const lines = data.toString('latin1').split(/\r?\n/);
    if (!/^M-SEARCH \* HTTP\/1\.1$/i.test(lines[0]?.trim() ?? '')) return;
    const header = (name: string) =>
      lines
        .find((l) => l.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    if (header('man') !== '"ssdp:discover"') return;
    const st = header('st') ?? '';
    const a = announce();
    const answers: [string, string][] = [];
    const any = st === 'ssdp:all' || st === 'upnp:rootdevice';
    if (a.tr064Location && (any || st === targets.tr064)) answers.push([targets.tr064, a.tr064Location]);
    if (a.igdLocation && (any || st === targets.igd)) answers.push([targets.igd, a.igdLocation]);
    for (const [target, location] of answers) {
      const reply = [
        'HTTP/1.1 200 OK',
        'CACHE-CONTROL: max-age=1800',
        'EXT:',
        `LOCATION: ${location}`,
        `SERVER: ${a.server}`,
        `ST: ${target}`,
        `USN: uuid:739f2409-bccb-40e7-8e6c-989BCB2B93B0::${target}`,
        '',
        '',
      ].join('\r\n');
      socket.send(reply, from.port, from.address, () => {});
    }
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
