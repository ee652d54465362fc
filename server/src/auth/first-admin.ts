import type { Store } from '../store/index.js';
import { hashPassword } from './password.js';
import { randomToken } from './secrets.js';

export interface FirstAdmin {
  email: string;
  /** Set only when it was generated: print it once, it is stored only as a hash. */
  generatedPassword: string | null;
}

/**
 * Creates the first admin on first start: from the configured e-mail and
 * password, or with a generated password. Returns null when users exist.
 */
export async function ensureFirstAdmin(
  store: Store,
  opts: { email: string; password: string | undefined },
  now: number,
): Promise<FirstAdmin | null> {
  if (store.users.userCount() > 0) return null;
  const generatedPassword = opts.password ? null : randomToken(12);
  const hash = await hashPassword(opts.password ?? (generatedPassword as string));
  const orgId = store.users.defaultOrgId(now);
  store.users.createUser(orgId, opts.email.toLowerCase(), hash, 'admin', now);
  return { email: opts.email.toLowerCase(), generatedPassword };
}
