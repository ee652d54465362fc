import {
  type ArpState,
  type DnsProbeResult,
  formatHostPort,
  type HostPort,
  type HttpProbeResult,
  type IcmpProbeResult,
  type RouterStatus,
  type TcpProbeResult,
} from '@linewatch/shared';
import { errorText } from '../errors.js';
import { readArpState } from './arp.js';
import { type DefaultRoute, readDefaultRoute } from './default-gateway.js';
import { createDnsProbe, systemResolver } from './dns.js';
import { type GatewayCheck, probeGateway, type RouterTarget } from './gateway.js';
import { createHttpProbe } from './http.js';
import { createIcmpProbe } from './icmp.js';
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
  /** DNS resolvers tried besides the system resolver (`ip` or `ip:port`). */
  resolvers: string[];
  /** Names to resolve; [] turns the DNS probe off. */
  dnsNames?: string[];
  /** Also test the system resolver (usually the router's DNS). */
  systemResolver?: boolean;
  /** URLs to fetch; [] turns the HTTP probe off. */
  httpUrls?: string[];
  /** ICMP echo to the router and the targets' hosts. */
  icmp?: boolean;
  /** The router's TR-064 login; never logged. */
  routerLogin?: { user: string | null; password: string | null };
}

/** Everything a round found; a `Measurement` is this plus sample metadata and the diagnosis. */
export interface ProbeRound {
  gateway: GatewayCheck;
  targets: TcpProbeResult[];
  icmp: IcmpProbeResult[];
  dns: DnsProbeResult[];
  http: HttpProbeResult[];
  /** The router's own view; null when the router API was not asked. */
  router: RouterStatus | null;
}

/** Reads the router's management interfaces (UPnP IGD / TR-064). */
export type RouterReader = (request: {
  address: string | null;
  port: number | null;
  user: string | null;
  password: string | null;
  timeoutMs: number;
}) => Promise<RouterStatus>;

/** The seams of a probe round: network, routing table, ARP table, ping, DNS, HTTP, router API. */
export interface ProbeDeps {
  connect?: Connector;
  readDefaultRoute?: () => Promise<DefaultRoute | null>;
  readArp?: (ip: string) => Promise<ArpState | null>;
  icmp?: (target: string) => Promise<IcmpProbeResult>;
  dns?: (name: string, resolver: string) => Promise<DnsProbeResult>;
  http?: (url: string) => Promise<HttpProbeResult>;
  /** Omitted: the router API is not read. */
  readRouter?: RouterReader;
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
  const readArp = deps.readArp ?? ((ip: string) => readArpState(ip));
  const icmp = deps.icmp ?? createIcmpProbe();
  const gatewayIcmp = deps.icmp ?? createIcmpProbe({ count: 3, deadlineSeconds: 3 });
  const gatewayFlights = new SingleFlight<GatewayCheck>();
  const tcpFlights = new SingleFlight<TcpProbeResult>();
  let dns = deps.dns;
  let http = deps.http;

  return async (plan) => {
    dns ??= createDnsProbe({ timeoutMs: plan.timeoutMs });
    http ??= createHttpProbe({ timeoutMs: plan.timeoutMs * 2 });
    const useIcmp = plan.icmp ?? false;
    const routerTargetP = routerTarget(plan, readRoute);
    const gateway = (async () => {
      const { target, why } = await routerTargetP;
      const key = target ? `${target.address}:${target.port ?? '*'}` : 'none';
      const [check, arp, echo] = await Promise.all([
        gatewayFlights.run(key, () => probeGateway(target, { timeoutMs: plan.timeoutMs, connect, why })),
        target ? readArp(target.address) : Promise.resolve(null),
        target && useIcmp ? gatewayIcmp(target.address) : Promise.resolve(null),
      ]);
      return { ...check, arp, icmp: echo };
    })();
    const targets = plan.targets.map((t) =>
      tcpFlights.run(formatHostPort(t), () =>
        probeTcp(t, { attempts: plan.attempts, timeoutMs: plan.timeoutMs, connect }),
      ),
    );
    const hosts = [...new Set(plan.targets.map((t) => t.host))];
    const echoes = useIcmp ? hosts.map((h) => icmp(h)) : [];
    const resolvers = [...(plan.systemResolver === false ? [] : [systemResolver]), ...plan.resolvers];
    const lookups = (plan.dnsNames ?? []).flatMap((name) =>
      resolvers.map((r) => (dns as NonNullable<typeof dns>)(name, r)),
    );
    const fetches = (plan.httpUrls ?? []).map((u) => (http as NonNullable<typeof http>)(u));
    const router = deps.readRouter
      ? routerTargetP.then(({ target }) =>
          (deps.readRouter as RouterReader)({
            address: target?.address ?? null,
            port: plan.router?.port ?? null,
            user: plan.routerLogin?.user ?? null,
            password: plan.routerLogin?.password ?? null,
            timeoutMs: Math.max(plan.timeoutMs * 2, 3000),
          }),
        )
      : Promise.resolve(null);
    return {
      gateway: await gateway,
      targets: await Promise.all(targets),
      icmp: await Promise.all(echoes),
      dns: await Promise.all(lookups),
      http: await Promise.all(fetches),
      router: await router,
    };
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
