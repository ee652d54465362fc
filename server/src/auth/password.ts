import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt at the OWASP Password Storage Cheat Sheet parameters
 * (N = 2^17, r = 8, p = 1): 128 MiB and a few hundred ms per hash, so
 * `maxmem` must be raised above Node's 32 MiB default.
 */
export const scryptParams = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 } as const;
const maxmem = 256 * 1024 * 1024;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * Hashes a password; the result records its parameters so they can be raised later.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 * // 'scrypt$131072$8$1$<salt b64>$<key b64>'
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = scryptParams;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await derive(
    password,
    Buffer.from(saltB64, 'base64'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}
