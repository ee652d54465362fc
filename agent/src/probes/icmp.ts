import type { IcmpProbeResult } from '@linewatch/shared';
import { errorText } from '../errors.js';
import { icmpResultFromPing } from './ping-parse.js';
import { runCommand } from './run-command.js';
import { SingleFlight } from './single-flight.js';

/** How `ping` is run. */
export interface IcmpProbeOptions {
  /** Echo requests (`-c`). */
  count: number;
  /** Seconds between requests (`-i`); iputils refuses less than 0.2 for users other than root. */
  intervalSeconds: number;
  /** Seconds to wait for a reply when none has come yet (`-W`). */
  replyTimeoutSeconds: number;
  /**
   * Seconds after which ping stops, whatever it has sent or received (`-w`).
   * Raise it with `count`: ping stops sending at the deadline.
   */
  deadlineSeconds: number;
  /**
   * Milliseconds after which the agent interrupts ping (SIGINT, which still
   * prints the summary; SIGKILL 500 ms later): a hung ping must not hang the
   * round. Default: the deadline plus 1.5 s.
   */
  killAfterMs?: number;
  /** The executable, looked up on the PATH of `env`. */
  command: string;
  /** More arguments, put before the target (e.g. `['-4']`, `['-s', '1400']`). */
  extraArgs: string[];
  /** Added to the agent's environment; `LC_ALL=C` is always set so the output can be parsed. */
  env?: NodeJS.ProcessEnv;
}

/** The command of DOMAIN.md §3: `LC_ALL=C ping -n -c 5 -i 0.2 -W 1 -w 6 <ip>`. */
export const defaultIcmpOptions: IcmpProbeOptions = {
  count: 5,
  intervalSeconds: 0.2,
  replyTimeoutSeconds: 1,
  deadlineSeconds: 6,
  command: 'ping',
  extraArgs: [],
};

/**
 * Targets passed to ping: an IPv4/IPv6 address (with an optional `%zone`) or
 * a host name. Anything else, in particular a leading `-` that ping would
 * read as an option, is refused before ping runs.
 */
const targetPattern = /^[A-Za-z0-9_.:%][A-Za-z0-9_.:%-]{0,252}$/;

/**
 * The argument list for ping (`-n`: numeric output, no reverse lookups).
 *
 * @example
 * pingArgs('192.168.178.1', defaultIcmpOptions) // ['-n', '-c', '5', '-i', '0.2', '-W', '1', '-w', '6', '192.168.178.1']
 */
export function pingArgs(target: string, options: IcmpProbeOptions): string[] {
  return [
    '-n',
    ...['-c', String(options.count)],
    ...['-i', String(options.intervalSeconds)],
    ...['-W', String(options.replyTimeoutSeconds)],
    ...['-w', String(options.deadlineSeconds)],
    ...options.extraArgs,
    target,
  ];
}

/**
 * Pings a target once with iputils `ping` and returns the shared
 * {@link IcmpProbeResult}. Exit code 0 or 1 (no or too few replies) still
 * gives figures; exit code 2 (unknown host, no permission), a missing `ping`
 * (ENOENT) or a ping that had to be killed before its summary set `error`.
 * Never rejects.
 *
 * @example
 * await probeIcmp('192.168.178.1')
 * // { kind: 'icmp', target: '192.168.178.1', sent: 5, received: 5, lossPct: 0, rttMs: { min: 0.42, …, p90: 0.51 }, mdevMs: 0.03, jitterMs: 0.04, error: null, … }
 */
export async function probeIcmp(
  target: string,
  options: Partial<IcmpProbeOptions> = {},
): Promise<IcmpProbeResult> {
  const o = { ...defaultIcmpOptions, ...options };
  if (!targetPattern.test(target)) return failed(target, 'invalid target');
  try {
    const killAfterMs = o.killAfterMs ?? o.deadlineSeconds * 1000 + 1500;
    const run = await runCommand(o.command, pingArgs(target, o), {
      timeoutMs: killAfterMs,
      interruptSignal: 'SIGINT',
      env: { ...process.env, ...o.env, LC_ALL: 'C' },
    });
    if (run.spawnError) return failed(target, spawnFailure(o.command, run.spawnError));
    const result = icmpResultFromPing(target, { ...run, count: o.count });
    if (run.timedOut && result.error !== null) {
      return { ...result, error: `ping did not finish within ${killAfterMs} ms` };
    }
    return result;
  } catch (error) {
    return failed(target, errorText(error));
  }
}

function spawnFailure(command: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `${command} not found (ENOENT): install iputils-ping`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `${command} may not be run (${error.code})`;
  return errorText(error);
}

function failed(target: string, error: string): IcmpProbeResult {
  return {
    kind: 'icmp',
    target: target.slice(0, 300),
    sent: 0,
    received: 0,
    duplicates: 0,
    errors: 0,
    lossPct: 100,
    rttMs: null,
    mdevMs: null,
    jitterMs: null,
    error: error.slice(0, 500),
  };
}

/**
 * Makes an ICMP probe with fixed options that runs at most one ping per
 * target at a time: a caller asking while one runs gets that run's result.
 *
 * @example
 * const icmp = createIcmpProbe({ count: 3 });
 * const [a, b] = await Promise.all([icmp('192.168.178.1'), icmp('192.168.178.1')]); // one ping, one result
 */
export function createIcmpProbe(
  options: Partial<IcmpProbeOptions> = {},
): (target: string) => Promise<IcmpProbeResult> {
  const flights = new SingleFlight<IcmpProbeResult>();
  return (target) => flights.run(target, () => probeIcmp(target, options));
}
