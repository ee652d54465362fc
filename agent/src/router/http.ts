import { type Agent, request as httpRequestRaw, type IncomingHttpHeaders } from 'node:http';
import { RouterError } from './router-error.js';

/** Where a request goes: the router's host as configured (IPv6 without brackets) and a path. */
export interface Endpoint {
  host: string;
  port: number;
  /** Path and query, starting with `/`. */
  path: string;
}

export interface HttpRequest extends Endpoint {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Aborting it ends the request with a `timeout` RouterError. */
  signal: AbortSignal;
  /** Bodies longer than this are refused (`invalid_response`) instead of buffered. */
  maxBytes: number;
  agent?: Agent;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** errno codes meaning nobody at that address speaks HTTP on that port. */
const unreachable = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * One HTTP/1.1 exchange with the router, on `node:http` rather than `fetch`
 * so that errno codes (ECONNREFUSED vs a timeout) arrive unwrapped and the
 * connection pool is the caller's own agent, destroyed at the end of a read.
 * Every failure is a {@link RouterError}: `timeout` when the signal fires,
 * `no_router_api` when the connection is refused or the host unreachable,
 * `invalid_response` for an oversized body or a broken HTTP stream.
 *
 * @example
 * const res = await httpRequest({ host: '192.168.178.1', port: 49000, path: '/tr64desc.xml',
 *   method: 'GET', signal: AbortSignal.timeout(2000), maxBytes: 1 << 20 });
 * res.status // 200
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  try {
    return await exchange(req);
  } catch (error) {
    // A kept-alive socket the router closed meanwhile fails at once with
    // ECONNRESET; Node's docs (`request.reusedSocket`) advise one retry.
    if (!(error instanceof StaleSocket)) throw error;
    return exchange(req);
  }
}

/** A reused keep-alive socket turned out closed before any answer. */
class StaleSocket extends RouterError {}

function exchange(req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const where = `${req.method} ${req.path}`;
    if (req.signal.aborted) {
      reject(new RouterError('timeout', `${where}: no time left`));
      return;
    }
    let settled = false;
    const fail = (error: RouterError) => {
      if (settled) return;
      settled = true;
      req.signal.removeEventListener('abort', onAbort);
      outgoing.destroy();
      reject(error);
    };
    const onAbort = () => fail(new RouterError('timeout', `${where}: no answer in time`));
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const outgoing = httpRequestRaw(
      { host: req.host, port: req.port, path: req.path, method: req.method, headers, agent: req.agent },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > req.maxBytes) {
            fail(new RouterError('invalid_response', `${where}: answer larger than ${req.maxBytes} bytes`));
          } else chunks.push(chunk);
        });
        incoming.on('error', (error) =>
          fail(new RouterError('invalid_response', `${where}: ${error.message}`)),
        );
        incoming.on('end', () => {
          if (settled) return;
          settled = true;
          req.signal.removeEventListener('abort', onAbort);
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (outgoing.reusedSocket && code === 'ECONNRESET') {
        fail(new StaleSocket('invalid_response', `${where}: ${code} on a reused connection`));
      } else if (unreachable.has(code))
        fail(new RouterError('no_router_api', `${where}: ${code}`, { cause: error }));
      else fail(new RouterError('invalid_response', `${where}: ${code || error.message}`, { cause: error }));
    });
    outgoing.end(req.body);
  });
}
