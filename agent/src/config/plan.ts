import {
  defaultTargetPort,
  type HostPort,
  isResolverAddress,
  type ProbeSettings,
  parseHostPort,
  type RouterSettings,
} from '@linewatch/shared';
import { AgentError, exitCodes } from '../errors.js';
import type { ProbePlan } from '../probes/round.js';

/** The command-line overrides of `run` and `check`, as typed. */
export interface ProbeOverrides {
  /** `host[:port],…` */
  targets?: string | undefined;
  /** `ip,…` */
  resolvers?: string | undefined;
  /** `host[:port]` */
  router?: string | undefined;
}

/** The router's TR-064 login, for the router clients of a later version. */
export type RouterLogin = NonNullable<ProbePlan['routerLogin']>;

const usage = (message: string) => new AgentError(message, { exitCode: exitCodes.usage });

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Parses `--targets`: `host[:port]` separated by commas, port 443 by default.
 *
 * @example
 * parseTargets('1.1.1.1,8.8.8.8:53') // [{ host: '1.1.1.1', port: 443 }, { host: '8.8.8.8', port: 53 }]
 */
export function parseTargets(text: string): HostPort[] {
  const items = list(text);
  if (items.length === 0 || items.length > 32)
    throw usage('--targets needs 1 to 32 targets like 1.1.1.1:443.');
  return items.map((item) => {
    const target = parseHostPort(item, defaultTargetPort);
    if (!target) throw usage(`--targets: "${item}" is not a host with an optional port, like 1.1.1.1:443.`);
    return target;
  });
}

/** Parses `--resolvers`: IP addresses separated by commas. */
export function parseResolvers(text: string): string[] {
  const items = list(text);
  if (items.length > 8) throw usage('--resolvers takes at most 8 addresses.');
  for (const item of items) {
    if (!isResolverAddress(item))
      throw usage(`--resolvers: "${item}" is not an IP address (with an optional port).`);
  }
  return items;
}

/**
 * Parses a router address, `host` or `host:port`; without a port the probe
 * tries 80, then 49000.
 *
 * @example
 * parseRouter('192.168.178.1') // { host: '192.168.178.1', port: null }
 */
export function parseRouter(text: string): { host: string; port: number | null } | null {
  // The shared GatewayProbeResult takes at most 64 characters of address.
  if (text.trim().length > 64) return null;
  // Port 0 cannot be typed (it is refused), so it marks "no port given".
  const router = parseHostPort(text.trim(), 0);
  if (!router) return null;
  return { host: router.host, port: router.port === 0 ? null : router.port };
}

/**
 * What a probe round measures: the config's probe settings with the
 * command-line overrides and the router login from `env` on top.
 *
 * @throws AgentError (usage) for a bad override.
 */
export function probePlan(
  settings: ProbeSettings,
  overrides: ProbeOverrides = {},
  env: NodeJS.ProcessEnv = {},
): ProbePlan {
  let router = settings.router.address === null ? null : parseRouter(settings.router.address);
  if (overrides.router !== undefined) {
    router = parseRouter(overrides.router);
    if (!router) throw usage(`--router: "${overrides.router}" is not a host with an optional port.`);
  }
  const targets =
    overrides.targets === undefined
      ? settings.targets.map((t) => parseHostPort(t, defaultTargetPort) as HostPort)
      : parseTargets(overrides.targets);
  const resolvers =
    overrides.resolvers === undefined ? settings.resolvers : parseResolvers(overrides.resolvers);
  const { timeoutMs, attempts, dnsNames, httpUrls, icmp, systemResolver } = settings;
  return {
    targets,
    router,
    timeoutMs,
    attempts,
    resolvers,
    dnsNames,
    httpUrls,
    icmp,
    systemResolver,
    routerLogin: routerLogin(settings.router, env),
  };
}

/**
 * The router login: `LINEWATCH_ROUTER_USER` / `LINEWATCH_ROUTER_PASSWORD`
 * over the config file. Never taken from the command line, where any local
 * user could read it in the process list.
 */
export function routerLogin(settings: RouterSettings, env: NodeJS.ProcessEnv): RouterLogin {
  return {
    user: env.LINEWATCH_ROUTER_USER || settings.user || null,
    password: env.LINEWATCH_ROUTER_PASSWORD || settings.password || null,
  };
}
