import { ChannelError, clip, httpStatusError, notSentCodes } from '../errors.js';

/**
 * The one way HTTP channels talk to a provider: a POST with a deadline,
 * redirects not followed, and every failure turned into a {@link ChannelError}
 * that says whether the request may have been delivered.
 */

export interface HttpPost {
  /** Provider name for messages, e.g. `sipgate`. */
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: Headers;
}

function errorCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns a failed request into a transient {@link ChannelError}: `timeout`
 * (the deadline passed), `cancelled` (the caller's signal) or `failed` (a
 * network error, ambiguous unless its code says nothing was sent).
 */
export function networkError(
  provider: string,
  err: unknown,
  how: 'timeout' | 'cancelled' | 'failed',
  timeoutMs: number,
): ChannelError {
  if (how === 'timeout') {
    return new ChannelError(`${provider} did not answer within ${timeoutMs} ms`, {
      permanent: false,
      ambiguous: true,
      cause: err,
    });
  }
  if (how === 'cancelled') {
    return new ChannelError(`sending to ${provider} was cancelled`, {
      permanent: false,
      ambiguous: true,
      cause: err,
    });
  }
  const code = errorCode(err);
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new ChannelError(`cannot reach ${provider} (${detail})`, {
    permanent: false,
    ambiguous: !(code && notSentCodes.has(code)),
    cause: err,
  });
}

/**
 * POSTs and returns the answer when it is a 2xx; throws a classified
 * {@link ChannelError} otherwise. The deadline covers reading the body too.
 */
export async function post(request: HttpPost): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
  let status: number;
  let body: string;
  let headers: Headers;
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    status = res.status;
    headers = res.headers;
    body = await res.text();
  } catch (err) {
    const how = deadline.aborted ? 'timeout' : request.signal?.aborted ? 'cancelled' : 'failed';
    throw networkError(request.provider, err, how, request.timeoutMs);
  }
  if (status < 200 || status >= 300) {
    throw httpStatusError(request.provider, status, body, headers.get('retry-after'), request.now());
  }
  return { status, body, headers };
}

/** The answer as stored with a successful attempt: status and the start of the body. */
export function describeAnswer(answer: HttpAnswer): string {
  return clip(`${answer.status} ${answer.body || '(no body)'}`);
}

/** Parses a JSON body, or returns undefined: providers answer errors with HTML at times. */
export function jsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `Authorization: Basic …` for a user and password. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
