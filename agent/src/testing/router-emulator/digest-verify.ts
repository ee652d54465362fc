import { createHash, randomBytes } from 'node:crypto';

/**
 * The emulator's side of HTTP Digest (RFC 7616 §3.4–3.5) as a FRITZ!Box
 * does it: challenges exactly like the box (`Digest realm="HTTPS
 * Access",nonce="…",algorithm=MD5,qop="auth"`, no spaces), recomputes the
 * expected response from the stored password, checks nonce, uri, qop and a
 * rising nonce count, and answers 503 once too many logins failed. Written
 * apart from the client's `digest.ts` so a shared mistake cannot pass.
 */

export interface DigestVerifierOptions {
  realm: string;
  user: string;
  password: string;
  /** Failed logins after which every request gets 503. */
  maxFailedLogins: number;
  /** Requests one nonce may authorise before it is `stale`. */
  nonceMaxUses: number;
}

export type Verdict =
  | { ok: true }
  | { ok: false; status: 401; wwwAuthenticate: string; reason: string }
  | { ok: false; status: 503; reason: string };

export interface DigestStats {
  challenges: number;
  staleChallenges: number;
  failedLogins: number;
  authorized: number;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** `name=value` / `name="value"` pairs after `Digest`, split at commas outside quotes. */
function authParams(header: string): Map<string, string> | null {
  const match = /^\s*Digest\s+/i.exec(header);
  if (!match) return null;
  const params = new Map<string, string>();
  let rest = header.slice(match[0].length);
  while (rest.length > 0) {
    const eq = rest.indexOf('=');
    if (eq < 0) break;
    const name = rest
      .slice(0, eq)
      .replace(/^[\s,]+/, '')
      .trim()
      .toLowerCase();
    rest = rest.slice(eq + 1).trimStart();
    let value: string;
    if (rest.startsWith('"')) {
      let end = 1;
      value = '';
      while (end < rest.length && rest[end] !== '"') {
        if (rest[end] === '\\') end++;
        value += rest[end] ?? '';
        end++;
      }
      rest = rest.slice(end + 1);
    } else {
      const comma = rest.indexOf(',');
      value = (comma < 0 ? rest : rest.slice(0, comma)).trim();
      rest = comma < 0 ? '' : rest.slice(comma);
    }
    params.set(name, value);
  }
  return params;
}

export class DigestVerifier {
  private readonly nonces = new Map<string, { lastNc: number; uses: number }>();
  readonly stats: DigestStats = { challenges: 0, staleChallenges: 0, failedLogins: 0, authorized: 0 };

  constructor(private readonly options: DigestVerifierOptions) {}

  /** Forgets failed logins and nonces (a new scenario). */
  reset(): void {
    this.nonces.clear();
    Object.assign(this.stats, { challenges: 0, staleChallenges: 0, failedLogins: 0, authorized: 0 });
  }

  private challenge(reason: string, stale = false): Verdict {
    const nonce = randomBytes(8).toString('hex').toUpperCase();
    this.nonces.set(nonce, { lastNc: 0, uses: 0 });
    this.stats.challenges++;
    if (stale) this.stats.staleChallenges++;
    const header = `Digest realm="${this.options.realm}",nonce="${nonce}",algorithm=MD5,qop="auth"${stale ? ',stale=TRUE' : ''}`;
    return { ok: false, status: 401, wwwAuthenticate: header, reason };
  }

  private failed(reason: string): Verdict {
    this.stats.failedLogins++;
    if (this.stats.failedLogins >= this.options.maxFailedLogins) return { ok: false, status: 503, reason };
    return this.challenge(reason);
  }

  /**
   * Checks one request's `Authorization` header.
   *
   * @param refuseAll treat every login as wrong (scenario `wrong_password`).
   */
  verify(method: string, uri: string, authorization: string | undefined, refuseAll: boolean): Verdict {
    if (this.stats.failedLogins >= this.options.maxFailedLogins) {
      return { ok: false, status: 503, reason: 'blocked after failed logins' };
    }
    if (authorization === undefined) return this.challenge('no credentials');
    const p = authParams(authorization);
    if (p === null) return this.failed('not a Digest authorization');
    const nonce = p.get('nonce') ?? '';
    const known = this.nonces.get(nonce);
    if (known === undefined) return this.challenge('unknown nonce');
    const nc = Number.parseInt(p.get('nc') ?? '', 16);
    const cnonce = p.get('cnonce') ?? '';
    const ha1 = md5(`${this.options.user}:${this.options.realm}:${this.options.password}`);
    const ha2 = md5(`${method}:${uri}`);
    const expected = md5(`${ha1}:${nonce}:${p.get('nc') ?? ''}:${cnonce}:auth:${ha2}`);
    const valid =
      !refuseAll &&
      p.get('username') === this.options.user &&
      p.get('realm') === this.options.realm &&
      p.get('uri') === uri &&
      p.get('qop') === 'auth' &&
      (p.get('algorithm') ?? 'MD5').toUpperCase() === 'MD5' &&
      /^[0-9a-f]{8}$/i.test(p.get('nc') ?? '') &&
      cnonce !== '' &&
      p.get('response') === expected;
    if (!valid) return this.failed('wrong credentials');
    if (nc <= known.lastNc) return this.challenge('replayed nonce count');
    if (known.uses >= this.options.nonceMaxUses) {
      this.nonces.delete(nonce);
      return this.challenge('nonce used up', true);
    }
    known.lastNc = nc;
    known.uses++;
    this.stats.authorized++;
    return { ok: true };
  }
}
