import { once } from 'node:events';
import { Agent, createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest } from './http.js';

describe('httpRequest', () => {
  let server: Server;
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('retries once when a kept-alive socket was closed by the router', async () => {
    // Every connection answers its first request and drops the second unanswered.
    const served = new WeakMap<Socket, number>();
    server = createServer((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      if (n > 1) req.socket.destroy();
      else res.end(`ok ${req.url}`);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      httpRequest({
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        signal: new AbortController().signal,
        maxBytes: 100,
        agent,
      });
    expect((await get('/a')).body).toBe('ok /a');
    expect((await get('/b')).body).toBe('ok /b');
    agent.destroy();
  });
});
