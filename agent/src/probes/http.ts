import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { HttpProbeResult } from '@linewatch/shared';
import { errorText } from '../errors.js';
import { roundMs } from './rtt-stats.js';
import { SingleFlight } from './single-flight.js';

/** How a URL is fetched. */
export interface HttpProbeOptions {
  /** Milliseconds for the whole fetch, from the start to the end of the body. */
  timeoutMs: number;
  /** Body bytes read before the fetch counts as done and the connection is closed; default 16 KiB. */
  maxBodyBytes?: number;
  /** Verify the server's certificate (default true); false still measures the TLS handshake. */
  rejectUnauthorized?: boolean;
  /** Extra trusted CA certificates (PEM), e.g. a router's own. */
  ca?: string | Buffer;
  /** Name resolution; default `dns.lookup` (the OS's resolver, as a browser would use). */
  lookup?: LookupFunction;
}

/** Moments of one fetch on the monotonic clock, ms; null until they happen. */
interface Moments {
  start: number;
  lookup: number | null;
  connect: number | null;
  secureConnect: number | null;
  response: number | null;
  end: number | null;
}

/**
 * Phase durations, as got / http-timer define them:
 * - dns: start → socket `lookup` (null for an IP literal: nothing is resolved);
 * - connect: lookup (or start) → `connect`, the TCP handshake;
 * - tls: `connect` → `secureConnect`, the TLS handshake (null for http:);
 * - firstByte: connection ready → `response` (headers parsed): request sent plus server time;
 * - total: start → end of the body (or the body cap).
 */
function phases(m: Moments): HttpProbeResult['phasesMs'] {
  const span = (from: number | null, to: number | null) =>
    from === null || to === null ? null : roundMs(Math.max(0, to - from));
  const ready = m.secureConnect ?? m.connect;
  return {
    dns: span(m.start, m.lookup),
    connect: span(m.lookup ?? m.start, m.connect),
    tls: span(m.connect, m.secureConnect),
    firstByte: span(ready, m.response),
    total: span(m.start, m.end),
  };
}

/**
 * Fetches a URL once with GET on a fresh connection (no keep-alive pool, so
 * every phase is measured) and returns the shared {@link HttpProbeResult}.
 * `ok` = a status below 500 came back and the body (up to the cap) arrived
 * in time; redirects are not followed (a 301 is an answer). Never rejects.
 *
 * @example
 * await probeHttp('https://example.com/', { timeoutMs: 5000 })
 * // { kind: 'http', url: 'https://example.com/', ok: true, status: 200,
 * //   phasesMs: { dns: 3.1, connect: 12.4, tls: 25.9, firstByte: 30.2, total: 71.8 }, error: null }
 */
export function probeHttp(url: string, options: HttpProbeOptions): Promise<HttpProbeResult> {
  const m: Moments = {
    start: performance.now(),
    lookup: null,
    connect: null,
    secureConnect: null,
    response: null,
    end: null,
  };
  const result = (status: number | null, error: string | null): HttpProbeResult => ({
    kind: 'http',
    url: url.slice(0, 500),
    ok: error === null && status !== null && status < 500,
    status,
    phasesMs: phases(m),
    error: error?.slice(0, 500) ?? null,
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(result(null, 'invalid URL'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.resolve(result(null, `unsupported protocol ${target.protocol}`));
  }
  return new Promise((resolve) => {
    let status: number | null = null;
    let done = false;
    const finish = (error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result(status, error));
    };
    let req: ClientRequest;
    try {
      req = send(target, options);
    } catch (error) {
      resolve(result(null, errorText(error)));
      return;
    }
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    req.once('socket', (socket: Socket) => watchSocket(socket, m));
    // `on`, not `once`: destroying the request after the verdict may emit another error.
    req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? errorText(error)));
    req.once('response', (res: IncomingMessage) => {
      m.response = performance.now();
      status = res.statusCode ?? null;
      readCapped(res, options.maxBodyBytes ?? 16 * 1024, () => {
        m.end = performance.now();
        finish(null);
      });
      res.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? errorText(error)));
    });
    req.end();
  });
}

function send(target: URL, options: HttpProbeOptions): ClientRequest {
  const common = {
    method: 'GET',
    agent: false as const,
    lookup: options.lookup,
    headers: { 'user-agent': 'linewatch-agent', accept: '*/*', connection: 'close' },
  };
  if (target.protocol === 'http:') return httpRequest(target, common);
  return httpsRequest(target, {
    ...common,
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    ca: options.ca,
  });
}

function watchSocket(socket: Socket, m: Moments): void {
  socket.once('lookup', () => {
    m.lookup = performance.now();
  });
  socket.once('connect', () => {
    m.connect = performance.now();
  });
  socket.once('secureConnect', () => {
    m.secureConnect = performance.now();
  });
}

/** Reads the body until it ends or `max` bytes have come, keeping none of it. */
function readCapped(res: IncomingMessage, max: number, done: () => void): void {
  let bytes = 0;
  res.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes >= max) done();
  });
  res.once('end', done);
}

/**
 * Makes an HTTP probe with fixed options that runs at most one fetch per URL
 * at a time.
 *
 * @example
 * const http = createHttpProbe({ timeoutMs: 5000 });
 * await http('http://192.168.178.1/') // the router's web interface
 */
export function createHttpProbe(options: HttpProbeOptions): (url: string) => Promise<HttpProbeResult> {
  const flights = new SingleFlight<HttpProbeResult>();
  return (url) => flights.run(url, () => probeHttp(url, options));
}
