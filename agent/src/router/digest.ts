import { createHash, randomBytes } from 'node:crypto';

/**
 * HTTP Digest access authentication (RFC 7616, compatible with RFC 2617 and
 * the RFC 2069 form without qop), as TR-064 requires (AVM "TR-064 First
 * Steps": MD5, qop="auth"). Handwritten on `node:crypto` because the npm
 * digest clients are unmaintained or wrap `fetch`, which hides the errno
 * codes and connection pool the router client needs; the whole algorithm is
 * three hashes.
 */

/** One `Digest` challenge from a `WWW-Authenticate` header. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** Upper-case, `MD5` when absent (RFC 7616 §3.3). */
  algorithm: string;
  /** `auth` when offered, null for an RFC 2069 challenge without qop. */
  qop: 'auth' | null;
  opaque: string | null;
  /** The server says the nonce expired, not the password (RFC 7616 §3.3 `stale`). */
  stale: boolean;
}

const hashes: Record<string, string> = {
  MD5: 'md5',
  'MD5-SESS': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-SESS': 'sha256',
};

/**
 * Splits a `WWW-Authenticate` value into challenges: `scheme` followed by
 * `name=value` or `name="quoted"` parameters, with or without spaces after the
 * commas (the FRITZ!Box sends none) and unquoted values such as
 * `algorithm=MD5`. Several challenges in one header are kept apart.
 */
function splitChallenges(header: string): { scheme: string; params: Map<string, string> }[] {
  const out: { scheme: string; params: Map<string, string> }[] = [];
  let i = 0;
  const skip = (chars: string) => {
    while (i < header.length && chars.includes(header.charAt(i))) i++;
  };
  while (i < header.length) {
    skip(' \t,');
    const start = i;
    while (i < header.length && !' \t,='.includes(header.charAt(i))) i++;
    const token = header.slice(start, i);
    if (token === '') break;
    skip(' \t');
    if (header.charAt(i) !== '=' || out.length === 0) {
      out.push({ scheme: token.toLowerCase(), params: new Map() });
      continue;
    }
    i++;
    skip(' \t');
    let value = '';
    if (header.charAt(i) === '"') {
      i++;
      while (i < header.length && header.charAt(i) !== '"') {
        if (header.charAt(i) === '\\') i++;
        value += header.charAt(i);
        i++;
      }
      i++;
    } else {
      const begin = i;
      while (i < header.length && header.charAt(i) !== ',') i++;
      value = header.slice(begin, i).trim();
    }
    out.at(-1)?.params.set(token.toLowerCase(), value);
  }
  return out;
}

/**
 * The first usable Digest challenge of a `WWW-Authenticate` header: one with
 * a realm and nonce, an algorithm we can compute and `qop` absent or
 * offering `auth` (`auth-int` alone is refused). Never throws.
 *
 * @example
 * parseChallenge('Digest realm="HTTPS Access",nonce="88B30A35B27FDC00",algorithm=MD5,qop="auth"')
 * // { realm: 'HTTPS Access', nonce: '88B30A35B27FDC00', algorithm: 'MD5', qop: 'auth', opaque: null, stale: false }
 */
export function parseChallenge(header: string | string[] | undefined): DigestChallenge | null {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
  for (const { scheme, params } of splitChallenges(text)) {
    if (scheme !== 'digest') continue;
    const realm = params.get('realm');
    const nonce = params.get('nonce');
    const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
    const qops = params
      .get('qop')
      ?.split(',')
      .map((q) => q.trim().toLowerCase());
    if (realm === undefined || !nonce || !(algorithm in hashes)) continue;
    if (qops !== undefined && !qops.includes('auth')) continue;
    return {
      realm,
      nonce,
      algorithm,
      qop: qops === undefined ? null : 'auth',
      opaque: params.get('opaque') ?? null,
      stale: params.get('stale')?.toLowerCase() === 'true',
    };
  }
  return null;
}

/** What the response hash covers. `nc` is 8 hex digits (RFC 7616 §3.4). */
export interface DigestInput {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  uri: string;
  nc: string;
  cnonce: string;
}

/**
 * The `response` value (RFC 7616 §3.4.1): H(A1) with A1 = user:realm:password
 * (the `-sess` variants hash in nonce and cnonce), H(A2) with A2 =
 * method:uri, then H(HA1:nonce:nc:cnonce:qop:HA2), or H(HA1:nonce:HA2)
 * without qop (RFC 2069).
 *
 * @example
 * // RFC 2617 §3.5: Mufasa / "Circle Of Life", GET /dir/index.html
 * digestResponse({ ... }) // '6629fae49393a05397450978507c4ef1'
 */
export function digestResponse(input: DigestInput): string {
  const { challenge: c } = input;
  const h = (text: string) =>
    createHash(hashes[c.algorithm] ?? 'md5')
      .update(text, 'utf8')
      .digest('hex');
  let ha1 = h(`${input.username}:${c.realm}:${input.password}`);
  if (c.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${c.nonce}:${input.cnonce}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  return c.qop === null
    ? h(`${ha1}:${c.nonce}:${ha2}`)
    : h(`${ha1}:${c.nonce}:${input.nc}:${input.cnonce}:${c.qop}:${ha2}`);
}

const quote = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/**
 * The `Authorization` header value for one request.
 *
 * @example
 * authorizationHeader(input) // 'Digest username="admin", realm="HTTPS Access", nonce="…", uri="/upnp/control/deviceinfo", algorithm=MD5, response="…", qop=auth, nc=00000001, cnonce="…"'
 */
export function authorizationHeader(input: DigestInput): string {
  const c = input.challenge;
  const parts = [
    `username=${quote(input.username)}`,
    `realm=${quote(c.realm)}`,
    `nonce=${quote(c.nonce)}`,
    `uri=${quote(input.uri)}`,
    `algorithm=${c.algorithm}`,
    `response=${quote(digestResponse(input))}`,
  ];
  if (c.qop !== null) parts.push(`qop=${c.qop}`, `nc=${input.nc}`, `cnonce=${quote(input.cnonce)}`);
  if (c.opaque !== null) parts.push(`opaque=${quote(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * The login for one router read: holds the latest challenge so that every
 * call after the first reuses its nonce with a rising nonce count (one round
 * trip per call instead of two), until the router answers 401 again.
 *
 * @example
 * const session = new DigestSession('admin', 'secret');
 * session.authorize('POST', '/upnp/control/deviceinfo') // null: no challenge yet
 * session.useChallenge(parseChallenge(res.headers['www-authenticate'])!);
 * session.authorize('POST', '/upnp/control/deviceinfo') // 'Digest username="admin", …, nc=00000001, …'
 */
export class DigestSession {
  private challenge: DigestChallenge | null = null;
  private count = 0;

  constructor(
    readonly username: string,
    private readonly password: string,
    private readonly makeCnonce: () => string = () => randomBytes(8).toString('hex'),
  ) {}

  /** The nonce the next request would use, null before the first challenge. */
  get nonce(): string | null {
    return this.challenge?.nonce ?? null;
  }

  /** Starts over with a new challenge (a fresh nonce restarts the count at 1). */
  useChallenge(challenge: DigestChallenge): void {
    this.challenge = challenge;
    this.count = 0;
  }

  /** The `Authorization` value for the next request, or null before any challenge. */
  authorize(method: string, uri: string): string | null {
    if (this.challenge === null) return null;
    this.count++;
    return authorizationHeader({
      challenge: this.challenge,
      username: this.username,
      password: this.password,
      method,
      uri,
      nc: this.count.toString(16).padStart(8, '0'),
      cnonce: this.makeCnonce(),
    });
  }
}
