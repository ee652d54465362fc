import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * The network path between an agent and the server, as a TCP relay on
 * loopback that a test can cut and restore, and re-point at a restarted
 * server (whose ports are new).
 *
 * A cut behaves like a dead line, not like a refusing server: open
 * connections stay open but carry nothing (both ends must find out by
 * their keepalive), and new connections are reset at once.
 */
export interface Link {
  /** The port agents connect to. */
  port: number;
  /** Stops all traffic. */
  cut(): void;
  /** Lets traffic through again; connections held during the cut are closed (their state is long gone). */
  restore(): void;
  /** Closes every relayed connection now, as a router reboot or a NAT reset would (both ends see it at once). */
  drop(): void;
  /** Forwards new connections to this server port. */
  retarget(port: number): void;
  /** Connections relayed so far (to tell a reconnect happened). */
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts a {@link Link} forwarding to `127.0.0.1:targetPort`. */
export async function startLink(targetPort: number): Promise<Link> {
  let target = targetPort;
  let up = true;
  let connections = 0;
  const held = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) {
      client.resetAndDestroy();
      return;
    }
    connections++;
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    const pair = [client, upstream];
    for (const s of pair) {
      held.add(s);
      s.on('error', () => {
        for (const x of pair) x.destroy();
      });
      s.on('close', () => {
        held.delete(s);
        for (const x of pair) x.destroy();
      });
    }
    // Data passes only while the link is up; during a cut it is swallowed.
    client.on('data', (chunk) => {
      if (up) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (up) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('link has no address');
  return {
    port: address.port,
    cut() {
      up = false;
    },
    restore() {
      for (const s of held) s.destroy();
      held.clear();
      up = true;
    },
    drop() {
      for (const s of held) s.destroy();
      held.clear();
    },
    retarget(port) {
      target = port;
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const s of held) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
