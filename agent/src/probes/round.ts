import { formatHostPort, type HostPort, type TcpProbeResult } from '@linewatch/shared';
import { errorText } from '../errors.js';
import { type DefaultRoute, readDefaultRoute } from './default-gateway.js';
import { type GatewayCheck, probeGateway, type RouterTarget } from './gateway.js';
import { SingleFlight } from './single-flight.js';
import { type Connector, probeTcp, tcpConnect } from './tcp-connect.js';

/** What one probe round measures; built from the config plus command-line overrides. */
export interface ProbePlan {
  /** Internet targets for the TCP-connect probe. */
  targets: HostPort[];
  /** The router; null probes the default gateway. A null port tries 80, then 49000. */
  router: { host: string; port: number | null } | null;
  timeoutMs: number;
  attempts: number;
  /** DNS resolvers. Carried (and validated) already; the DNS probe comes in a later version. */
  resolvers: string[];
  /** The router's TR-064 login, for the router clients of a later version; never logged. */
  routerLogin?: { user: string | null; password: string | null };
}

/** Everything a round found; a `Measurement` is this plus sample metadata and the diagnosis. */
export interface ProbeRound {
  gateway: GatewayCheck;
  targets: TcpProbeResult[];
}

/** The seams of a probe round: network and routing table. */
export interface ProbeDeps {
  connect?: Connector;
  readDefaultRoute?: () => Promise<DefaultRoute | null>;
}

/** Runs probe rounds. */
export type ProbeRunner = (plan: ProbePlan) => Promise<ProbeRound>;

/**
 * Makes a probe runner. The gateway and every target are probed in parallel
 * (a dead router must not delay the internet figures), each target's attempts
 * in sequence. One runner keeps at most one probe in flight per target across
 * rounds, so keep one runner per process.
 *
 * @example
 * const probe = createProbeRunner();
 * const round = await probe({ targets: [{ host: '1.1.1.1', port: 443 }], router: null, timeoutMs: 2000, attempts: 3, resolvers: [] });
 */
export function createProbeRunner(deps: ProbeDeps = {}): ProbeRunner {
  const connect = deps.connect ?? tcpConnect;
  const readRoute = deps.readDefaultRoute ?? (() => readDefaultRoute());
  const gatewayFlights = new SingleFlight<GatewayCheck>();
  const tcpFlights = new SingleFlight<TcpProbeResult>();

  return async (plan) => {
    const gateway = (async () => {
      const { target, why } = await routerTarget(plan, readRoute);
      const key = target ? `${target.address}:${target.port ?? '*'}` : 'none';
      return gatewayFlights.run(key, () => probeGateway(target, { timeoutMs: plan.timeoutMs, connect, why }));
    })();
    const targets = plan.targets.map((t) =>
      tcpFlights.run(formatHostPort(t), () =>
        probeTcp(t, { attempts: plan.attempts, timeoutMs: plan.timeoutMs, connect }),
      ),
    );
    return { gateway: await gateway, targets: await Promise.all(targets) };
  };
}

async function routerTarget(
  plan: ProbePlan,
  readRoute: () => Promise<DefaultRoute | null>,
): Promise<{ target: RouterTarget | null; why?: string }> {
  if (plan.router) {
    const { host, port } = plan.router;
    return { target: { address: host, port, interface: null, source: 'override' } };
  }
  try {
    const route = await readRoute();
    if (!route) return { target: null, why: 'no default route' };
    return {
      target: { address: route.gateway, port: null, interface: route.interface, source: 'default_route' },
    };
  } catch (error) {
    return { target: null, why: `cannot read the routing table: ${errorText(error)}` };
  }
}
