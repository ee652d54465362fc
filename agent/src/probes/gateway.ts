import type { GatewayProbeResult } from '@linewatch/shared';
import { roundMs } from './rtt-stats.js';
import { type Connector, tcpConnect } from './tcp-connect.js';

/**
 * Ports tried on the router, in order: the web interface, then TR-064/UPnP
 * (49000, FRITZ!Box), which some boxes answer when the web UI is firewalled.
 * A refused connection is an answer too.
 */
export const routerPorts = [80, 49000] as const;

/** The router to probe and where its address came from. */
export interface RouterTarget {
  address: string;
  /** An explicit port (`--router host:port`); null tries {@link routerPorts}. */
  port: number | null;
  interface: string | null;
  source: 'override' | 'default_route';
}

/** The shared gateway result plus what a person checking the line wants to see. */
export interface GatewayCheck extends GatewayProbeResult {
  /** The port that answered, or the last one tried. */
  port: number | null;
  source: RouterTarget['source'] | null;
}

/**
 * Checks that the router answers: one TCP connection to port 80 and, only if
 * that times out, to 49000. An unreachable host (no ARP answer) or an unknown
 * name fails at once, and a second port would not change that.
 *
 * @param target null when there is no default route; `why` then says so.
 */
export async function probeGateway(
  target: RouterTarget | null,
  options: { timeoutMs: number; connect?: Connector; why?: string },
): Promise<GatewayCheck> {
  if (target === null) {
    const error = options.why ?? 'no default route';
    return { address: null, interface: null, reachable: false, rttMs: null, error, port: null, source: null };
  }
  const connect = options.connect ?? tcpConnect;
  const ports = target.port === null ? routerPorts : [target.port];
  const base = { address: target.address, interface: target.interface, source: target.source };
  let error = 'not probed';
  let port: number | null = null;
  for (const p of ports) {
    port = p;
    const outcome = await connect({ host: target.address, port: p, timeoutMs: options.timeoutMs });
    if (outcome.answered)
      return { ...base, reachable: true, rttMs: roundMs(outcome.rttMs), error: null, port };
    error = `port ${p}: ${outcome.error}`.slice(0, 500);
    if (!outcome.timedOut) break;
  }
  return { ...base, reachable: false, rttMs: null, error, port };
}
