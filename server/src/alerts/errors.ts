/**
 * The one error a channel throws. The dispatcher needs three facts to act on
 * a failed send, and they are fields here rather than guessed from a message:
 *
 * - `permanent`: retrying the same message will fail the same way (bad
 *   credentials, an invalid number, a 4xx); the notification is marked failed
 *   and the error shown on the channel. Otherwise it is transient (network,
 *   timeout, 429, 5xx) and retried with backoff.
 * - `retryAfterMs`: the provider said when to come back (429/503 `Retry-After`).
 * - `ambiguous`: the request may have reached the provider before it failed
 *   (a timeout or a dropped connection after sending). For a provider without
 *   an idempotency key a retry may then deliver the message twice; the
 *   dispatcher records the attempt as such.
 */
export interface ChannelErrorOptions {
  permanent: boolean;
  ambiguous?: boolean;
  retryAfterMs?: number;
  /** HTTP status or SMTP reply code, when the provider answered. */
  status?: number;
  /** The provider's answer, shortened; shown to the user beside the message. */
  response?: string;
  cause?: unknown;
}

export class ChannelError extends Error {
  readonly permanent: boolean;
  readonly ambiguous: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  readonly response: string | undefined;

  constructor(message: string, options: ChannelErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChannelError';
    this.permanent = options.permanent;
    this.ambiguous = options.ambiguous ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.response = options.response;
  }

  /** `transient` (retry later) or `permanent` (give up), for logs and the attempts table. */
  get classification(): 'transient' | 'permanent' {
    return this.permanent ? 'permanent' : 'transient';
  }
}

/** Longest provider answer kept in a result or an error. */
export const maxResponseChars = 500;

/** Shortens a provider's answer for storage, on one line. */
export function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > maxResponseChars ? `${line.slice(0, maxResponseChars - 1)}…` : line;
}

/** A `Retry-After` further away than this is capped: the dispatcher's own backoff takes over. */
const maxRetryAfterMs = 24 * 3600_000;

/**
 * Reads `Retry-After` ([RFC 9110 §10.2.3]): delay-seconds or an HTTP-date.
 * Returns milliseconds from `nowMs`, or undefined when absent or unreadable.
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), maxRetryAfterMs);
}

/**
 * Classifies an HTTP answer that is not a success.
 *
 * 1. 408, 425 and 429 are "come back later": transient, with `Retry-After`.
 * 2. Other 4xx mean the request itself is wrong (auth, number, balance): permanent.
 * 3. 3xx: redirects are not followed for a POST (fetch would turn it into a GET), so
 *    the configured URL is wrong: permanent.
 * 4. 5xx: transient. 502 and 504 come from a gateway that may have passed the request
 *    on before losing the answer, so they are also ambiguous.
 */
export function httpStatusError(
  provider: string,
  status: number,
  body: string,
  retryAfter: string | null,
  nowMs: number,
): ChannelError {
  const response = clip(`${status} ${body}`);
  const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
  if (status === 408 || status === 425 || status === 429) {
    const message = status === 429 ? 'rate limited' : 'asked to retry later';
    return new ChannelError(`${provider} ${message} (HTTP ${status})`, {
      permanent: false,
      retryAfterMs,
      status,
      response,
    });
  }
  if (status >= 500) {
    return new ChannelError(`${provider} failed (HTTP ${status})`, {
      permanent: false,
      ambiguous: status === 502 || status === 504,
      retryAfterMs,
      status,
      response,
    });
  }
  const reason =
    status === 401
      ? 'refused the credentials'
      : status === 403
        ? 'forbids this request (permission or feature missing)'
        : status >= 300 && status < 400
          ? 'redirected the request; check the URL'
          : 'refused the request';
  return new ChannelError(`${provider} ${reason} (HTTP ${status})`, { permanent: true, status, response });
}

/**
 * Network error codes that end a request before it reached the server
 * (name lookup, connection refused, certificate refused), so a retry cannot
 * double a message. Anything after the connection was made (a reset, a
 * timeout while waiting) leaves it open whether the server has the message.
 */
export const notSentCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
