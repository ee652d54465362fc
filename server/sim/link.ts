import { createServer, type Socket, connect as tcpConnect } from 'node:net';

/**
 * How a simulated line fails:
 * - `abrupt`: the connection ends at once (the server sees it closed, so
 *   the agent's last will fires) and new connections are refused;
 * - `silent`: packets vanish both ways while every socket stays open, as
 *   when a cable is cut somewhere on the path: only keepalives can tell.
 */
export type CutMode = 'abrupt' | 'silent';

/** A customer's line between one agent and the broker: a loopback TCP relay that can be cut. */
export interface Link {
  /** What the agent connects to instead of the broker, e.g. `mqtt://127.0.0.1:40123`. */
  readonly url: string;
  readonly state: 'up' | CutMode;
  cut(mode: CutMode): void;
  /** The line is back: black-holed connections are dropped (they are dead), new ones pass. */
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  agent: Socket;
  broker: Socket | null;
  /** Black-holed by a silent cut: closing one side no longer closes the other. */
  silenced: boolean;
}

/**
 * Opens a link to the broker at `target`. Data is relayed chunk by chunk
 * (not piped) so a silent cut can drop it mid-stream.
 *
 * @example
 * const link = await openLink({ host: '127.0.0.1', port: 1883 });
 * link.cut('abrupt'); // the broker sees the connection die, without DISCONNECT
 * link.restore();
 */
export async function openLink(target: { host: string; port: number }): Promise<Link> {
  let state: Link['state'] = 'up';
  const pairs = new Set<Pair>();

  const drop = (p: Pair) => {
    pairs.delete(p);
    // [MQTT-3.1.2-8]: a connection closed without DISCONNECT publishes the will. A reset, not a FIN: the line died.
    p.broker?.resetAndDestroy();
    p.agent.resetAndDestroy();
  };

  const server = createServer((agent) => {
    agent.on('error', () => {});
    if (state === 'abrupt') {
      agent.resetAndDestroy();
      return;
    }
    const pair: Pair = { agent, broker: null, silenced: state === 'silent' };
    pairs.add(pair);
    agent.on('close', () => {
      if (pair.silenced) return;
      pairs.delete(pair);
      pair.broker?.destroy();
    });
    if (pair.silenced) return;
    const broker = tcpConnect(target);
    pair.broker = broker;
    broker.on('error', () => {});
    broker.on('close', () => {
      if (pair.silenced) {
        pair.broker = null;
        return;
      }
      pairs.delete(pair);
      agent.destroy();
    });
    agent.on('data', (d) => {
      if (!pair.silenced) broker.write(d);
    });
    broker.on('data', (d) => {
      if (!pair.silenced) agent.write(d);
    });
    agent.on('end', () => {
      if (!pair.silenced) broker.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `mqtt://127.0.0.1:${port}`,
    get state() {
      return state;
    },
    cut(mode) {
      state = mode;
      if (mode === 'abrupt') for (const p of [...pairs]) drop(p);
      else for (const p of pairs) p.silenced = true;
    },
    restore() {
      state = 'up';
      for (const p of [...pairs]) if (p.silenced) drop(p);
    },
    async close() {
      for (const p of [...pairs]) drop(p);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
