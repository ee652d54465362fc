import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A random token for sessions, enrollment and agent secrets: 32 bytes,
 * base64url.
 *
 * @example randomToken() // 'q3N0…' (43 characters)
 */
export function randomToken(bytes = 32): string {
  // Never a leading '-': tokens are pasted into command lines (`enroll --token <t>`),
  // where one would read as an option. Costs 1/64 of the token space.
  for (;;) {
    const token = randomBytes(bytes).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}

/**
 * SHA-256 of a high-entropy token, as stored in the database. A slow KDF
 * is for human passwords; these tokens carry 256 random bits, and 10,000
 * agents reconnecting after an area outage must not cost 128 MiB each.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Compares a token with a stored {@link hashToken} value in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
