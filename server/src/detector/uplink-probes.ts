import { connect } from 'node:net';
import { parseHostPort } from '@linewatch/shared';

/** Result of one round of the server's own uplink probes. */
export type UplinkProbe = (targets: readonly string[], timeoutMs: number) => Promise<boolean>;

/**
 * Whether every target failed a TCP connect within `timeoutMs` (true = the
 * server's uplink looks down). A refused connection is an answer: the path
 * works.
 */
export const tcpUplinkProbe: UplinkProbe = async (targets, timeoutMs) => {
  const results = await Promise.all(
    targets.map(
      (t) =>
        new Promise<boolean>((resolve) => {
          const target = parseHostPort(t, 443);
          if (!target) return resolve(false);
          const { host, port } = target;
          const socket = connect({ host, port });
          const done = (answered: boolean) => {
            socket.destroy();
            resolve(answered);
          };
          socket.setTimeout(timeoutMs, () => done(false));
          socket.once('connect', () => done(true));
          socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED'));
        }),
    ),
  );
  return results.length > 0 && results.every((answered) => !answered);
};

/**
 * Probes the server's uplink every `everyMs` and reports to `onResult`;
 * nothing runs when no targets are configured (the default: a server in a
 * closed network has no public hosts to ask).
 */
export function startUplinkProbes(opts: {
  targets: readonly string[];
  everyMs: number;
  timeoutMs: number;
  probe?: UplinkProbe;
  onResult(allFailed: boolean): void;
}): { stop(): void } {
  if (opts.targets.length === 0) return { stop() {} };
  const probe = opts.probe ?? tcpUplinkProbe;
  let stopped = false;
  const run = () => {
    void probe(opts.targets, opts.timeoutMs).then((allFailed) => {
      if (!stopped) opts.onResult(allFailed);
    });
  };
  run();
  const timer = setInterval(run, opts.everyMs).unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
