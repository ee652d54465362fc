import { connect as netConnect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { formatHostPort, type HostPort, type TcpProbeResult } from '@linewatch/shared';
import { errorText } from '../errors.js';
import { jitter, lossPct, roundMs, rttStats } from './rtt-stats.js';

/** One connection attempt. */
export interface ConnectAttempt extends HostPort {
  timeoutMs: number;
}

/**
 * What one attempt found. A refused connection is an answer: the RST came
 * back from the target, so the path works; only silence or an ICMP error
 * counts as lost.
 */
export type AttemptOutcome =
  | { answered: true; rttMs: number; refused: boolean }
  | { answered: false; timedOut: boolean; error: string };

/** Opens one TCP connection and reports how long the handshake took. Injectable for tests. */
export type Connector = (attempt: ConnectAttempt) => Promise<AttemptOutcome>;

/**
 * Measures the TCP handshake (SYN → SYN-ACK, or RST) to host:port with
 * `net.connect`, then closes the connection without sending data.
 * Never rejects. The clock starts after name resolution, so a host name
 * target measures the path and not the resolver.
 *
 * @example
 * await tcpConnect({ host: '127.0.0.1', port: 8080, timeoutMs: 2000 }) // { answered: true, rttMs: 0.21, refused: false }
 */
export const tcpConnect: Connector = ({ host, port, timeoutMs }) =>
  new Promise((resolve) => {
    let start = performance.now();
    let done = false;
    const socket = netConnect({ host, port });
    const finish = (outcome: AttemptOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ answered: false, timedOut: true, error: 'timeout' }), timeoutMs);
    socket.once('lookup', () => {
      start = performance.now();
    });
    socket.once('connect', () =>
      finish({ answered: true, rttMs: performance.now() - start, refused: false }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') {
        finish({ answered: true, rttMs: performance.now() - start, refused: true });
      } else {
        finish({
          answered: false,
          timedOut: error.code === 'ETIMEDOUT',
          error: error.code ?? errorText(error),
        });
      }
    });
  });

/** How a target is probed within one round. */
export interface TcpProbeOptions {
  /** Attempts, one after the other so that jitter compares consecutive answers. */
  attempts: number;
  timeoutMs: number;
  connect?: Connector;
}

/**
 * Probes one target with `attempts` sequential connections and sums them up
 * as the shared {@link TcpProbeResult}.
 *
 * @example
 * await probeTcp({ host: '1.1.1.1', port: 443 }, { attempts: 3, timeoutMs: 2000 })
 * // { kind: 'tcp', target: '1.1.1.1:443', sent: 3, received: 3, lossPct: 0, rttMs: {…}, jitterMs: 0.8, error: null }
 */
export async function probeTcp(target: HostPort, options: TcpProbeOptions): Promise<TcpProbeResult> {
  const connect = options.connect ?? tcpConnect;
  const rtts: number[] = [];
  const errors = new Set<string>();
  for (let i = 0; i < options.attempts; i++) {
    const outcome = await connect({ ...target, timeoutMs: options.timeoutMs });
    if (outcome.answered) rtts.push(roundMs(outcome.rttMs));
    else errors.add(outcome.error);
  }
  return {
    kind: 'tcp',
    target: formatHostPort(target),
    sent: options.attempts,
    received: rtts.length,
    lossPct: lossPct(options.attempts, rtts.length),
    rttMs: rttStats(rtts),
    jitterMs: jitter(rtts),
    error: errors.size === 0 ? null : [...errors].join(', ').slice(0, 500),
  };
}
