import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';

/**
 * Loopback fixtures for probe tests. Tests send traffic to 127.0.0.1 only:
 * never to the real default gateway or the internet.
 */

/** A TCP server on 127.0.0.1 that accepts and drops every connection. */
export async function listeningPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, close };
}

/** A port on 127.0.0.1 that nothing listens on: connecting is refused (RST). */
export async function refusedPort(): Promise<number> {
  const { port, close } = await listeningPort();
  await close();
  return port;
}

/**
 * A port on 127.0.0.1 that swallows SYNs, so a connect times out: a child
 * process listens with a backlog of 1 and is then stopped (SIGSTOP), so it
 * never accepts; once its accept queue is full, Linux drops further SYNs
 * instead of answering them. Loopback cannot be black-holed any other way
 * without root and a firewall rule.
 */
export async function blackholePort(): Promise<{ port: number; close: () => Promise<void> }> {
  const code =
    "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))";
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  child.kill('SIGSTOP');
  // Fill the accept queue (backlog + 1 entries on Linux); the extra sockets
  // hang in SYN_SENT and are destroyed at close.
  const fillers = Array.from({ length: 4 }, () =>
    netConnect({ host: '127.0.0.1', port }).on('error', () => {}),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const close = async () => {
    for (const s of fillers) s.destroy();
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  };
  return { port, close };
}

/**
 * Probe settings that keep an agent under test on loopback: no system
 * resolver (it would ask whatever /etc/resolv.conf names), no public
 * resolvers, no HTTP URLs. Targets and router come from overrides.
 */
export const loopbackOnlyProbes = { systemResolver: false, resolvers: [], httpUrls: [] } as const;
