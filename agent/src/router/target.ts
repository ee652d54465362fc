import { addFinding, type ReadContext } from './context.js';
import type { Endpoint } from './http.js';
import { discoverRouters } from './ssdp.js';

/** Where the two descriptions of one router are. */
export interface RouterTarget {
  host: string;
  tr064: Endpoint;
  igd: Endpoint;
}

/** Default description paths of a FRITZ!Box on port 49000 (DOMAIN.md §1–2). */
export const descriptionPaths = { tr064: '/tr64desc.xml', igd: '/igddesc.xml' } as const;

/**
 * The descriptions at a known address.
 *
 * @example
 * targetAt('192.168.178.1', 49000).tr064 // { host: '192.168.178.1', port: 49000, path: '/tr64desc.xml' }
 */
export function targetAt(host: string, port: number): RouterTarget {
  return {
    host,
    tr064: { host, port, path: descriptionPaths.tr064 },
    igd: { host, port, path: descriptionPaths.igd },
  };
}

function endpointOf(location: string): Endpoint {
  const url = new URL(location);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port: url.port === '' ? 80 : Number(url.port), path: `${url.pathname}${url.search}` };
}

/**
 * Finds the router by SSDP M-SEARCH. The TR-064 answer names the host; a
 * description the router did not announce is looked for at the default
 * path beside the one it did. Records `no_router_api` when nothing answers.
 */
export async function discoverTarget(
  ctx: ReadContext,
  ssdp: { address?: string; port?: number; timeoutMs: number },
): Promise<RouterTarget | null> {
  const responses = await discoverRouters({ ...ssdp, signal: ctx.signal });
  const tr064 = responses.find((r) => r.kind === 'tr064');
  const igd = responses.find((r) => r.kind === 'igd');
  const first = tr064 ?? igd;
  if (first === undefined) {
    const detail = `no answer to M-SEARCH within ${ssdp.timeoutMs} ms; set the router address`;
    addFinding(ctx, ctx.signal.aborted ? 'timeout' : 'no_router_api', 'SSDP', detail);
    return null;
  }
  const known = endpointOf(first.location);
  const fallback = targetAt(known.host, known.port);
  return {
    host: known.host,
    tr064: tr064 ? endpointOf(tr064.location) : fallback.tr064,
    igd: igd ? endpointOf(igd.location) : fallback.igd,
  };
}
