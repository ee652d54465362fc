import { Resolver } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import type { DnsProbeResult } from '@linewatch/shared';
import { errorText } from '../errors.js';
import { roundMs } from './rtt-stats.js';
import { SingleFlight } from './single-flight.js';

/** The label of the OS's resolvers (the `nameserver` lines of /etc/resolv.conf, usually the router). */
export const systemResolver = 'system';

/** How a name is resolved. */
export interface DnsProbeOptions {
  /**
   * Milliseconds the whole resolution may take. With several system resolvers
   * each gets an equal share per try, so a dead first one still leaves time
   * for the next, as the OS's resolver would.
   */
  timeoutMs: number;
  /** Ask for A (4, default) or AAAA (6) records. */
  family?: 4 | 6;
  /** The servers behind `system`; default those c-ares read from /etc/resolv.conf. For tests. */
  systemServers?: readonly string[];
}

/**
 * Error codes that mean a DNS response came back (RFC 1035 §4.1.1 RCODEs and
 * NOERROR without records, as c-ares names them): the resolver works and
 * answered in `timeMs`. Anything else (ETIMEOUT, ECONNREFUSED, …) had no
 * response, so there is no time to report.
 */
const answeredCodes = new Set(['ENODATA', 'EFORMERR', 'ESERVFAIL', 'ENOTFOUND', 'ENOTIMP', 'EREFUSED']);

/**
 * Resolves `name` through one resolver and measures how long it took (monotonic
 * clock), as the shared {@link DnsProbeResult}. `resolver` is `system` (a
 * c-ares `Resolver` with the servers of /etc/resolv.conf; no getaddrinfo, so
 * neither /etc/hosts nor nscd blur the figure) or an IP, with an optional port
 * (`9.9.9.9`, `9.9.9.9:53`, `2620:fe::fe`, `[::1]:5353`). Each server is tried
 * once. Never rejects: the error is c-ares' code (`ETIMEOUT`, `ESERVFAIL`,
 * `ENOTFOUND` for NXDOMAIN, `ENODATA`, `ECONNREFUSED`, …).
 *
 * @example
 * await probeDns('example.com', '9.9.9.9', { timeoutMs: 2000 })
 * // { kind: 'dns', resolver: '9.9.9.9', name: 'example.com', ok: true, timeMs: 14.2, answers: 1, error: null }
 */
export async function probeDns(
  name: string,
  resolver: string,
  options: DnsProbeOptions,
): Promise<DnsProbeResult> {
  const base = { kind: 'dns' as const, resolver: resolver.slice(0, 64), name: name.slice(0, 253) };
  let r: Resolver | null = null;
  try {
    const servers =
      resolver === systemResolver ? [...(options.systemServers ?? new Resolver().getServers())] : [resolver];
    const perTryMs = Math.max(50, Math.floor(options.timeoutMs / Math.max(1, servers.length)));
    r = new Resolver({ timeout: perTryMs, tries: 1 });
    r.setServers(servers);
    const started = performance.now();
    const outcome = await withDeadline(
      options.family === 6 ? r.resolve6(name) : r.resolve4(name),
      options.timeoutMs,
    );
    const timeMs = roundMs(performance.now() - started);
    if (outcome.ok) return { ...base, ok: true, timeMs, answers: outcome.value.length, error: null };
    const code = errorCode(outcome.error);
    return { ...base, ok: false, timeMs: answeredCodes.has(code) ? timeMs : null, answers: 0, error: code };
  } catch (error) {
    return { ...base, ok: false, timeMs: null, answers: 0, error: errorCode(error) };
  } finally {
    r?.cancel();
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Settles with the promise or, at the deadline, with ETIMEOUT: c-ares' own
 * timer may run late (it rounds and backs off), and the probe promises a bound.
 */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, error: Object.assign(new Error('timeout'), { code: 'ETIMEOUT' }) }),
      ms,
    );
    promise
      .then(
        (value) => resolve({ ok: true, value }),
        (error: unknown) => resolve({ ok: false, error }),
      )
      .finally(() => clearTimeout(timer));
  });
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (typeof code === 'string' ? code : errorText(error)).slice(0, 200);
}

/**
 * Makes a DNS probe with fixed options that runs at most one resolution per
 * resolver and name at a time.
 *
 * @example
 * const dns = createDnsProbe({ timeoutMs: 2000 });
 * await Promise.all(['system', '9.9.9.9', '1.1.1.1'].map((resolver) => dns('example.com', resolver)));
 */
export function createDnsProbe(
  options: DnsProbeOptions,
): (name: string, resolver: string) => Promise<DnsProbeResult> {
  const flights = new SingleFlight<DnsProbeResult>();
  return (name, resolver) => flights.run(`${resolver} ${name}`, () => probeDns(name, resolver, options));
}
