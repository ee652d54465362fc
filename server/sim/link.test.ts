import { once } from 'node:events';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Link, openLink } from './link.js';

/** A loopback server that records its connections and echoes. */
async function echoServer() {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
    s.on('data', (d) => s.write(d));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return { server, sockets, port: typeof address === 'object' && address ? address.port : 0 };
}

async function dial(link: Link): Promise<Socket> {
  const socket = tcpConnect(Number(new URL(link.url).port), '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

const closed = (s: Socket) =>
  s.destroyed ? Promise.resolve() : new Promise<void>((resolve) => s.once('close', () => resolve()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('openLink', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  async function setUp() {
    const target = await echoServer();
    const link = await openLink({ host: '127.0.0.1', port: target.port });
    cleanup.push(
      () => link.close(),
      () => new Promise<void>((r) => target.server.close(() => r())),
    );
    return { target, link };
  }

  it('relays both ways while up', async () => {
    const { link } = await setUp();
    const socket = await dial(link);
    socket.write('ping');
    const [reply] = (await once(socket, 'data')) as [Buffer];
    expect(reply.toString()).toBe('ping');
    socket.destroy();
  });

  it('closes both sides at once on an abrupt cut and refuses new connections until restored', async () => {
    const { target, link } = await setUp();
    const socket = await dial(link);
    socket.write('x');
    await once(socket, 'data');
    link.cut('abrupt');
    await Promise.all([closed(socket), closed(target.sockets[0] as Socket)]);
    const refused = tcpConnect(Number(new URL(link.url).port), '127.0.0.1');
    refused.on('error', () => {});
    await closed(refused);
    link.restore();
    const again = await dial(link);
    again.write('back');
    expect(((await once(again, 'data')) as [Buffer])[0].toString()).toBe('back');
    again.destroy();
  });

  it('drops everything but keeps the sockets open on a silent cut', async () => {
    const { target, link } = await setUp();
    const socket = await dial(link);
    socket.write('x');
    await once(socket, 'data');
    link.cut('silent');
    let received = 0;
    socket.on('data', () => received++);
    socket.write('lost');
    await sleep(150);
    expect(received).toBe(0);
    expect(socket.destroyed).toBe(false);
    expect(target.sockets[0]?.destroyed).toBe(false);
    link.restore();
    await Promise.all([closed(socket), closed(target.sockets[0] as Socket)]);
  });
});
