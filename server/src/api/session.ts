import type { User } from '@linewatch/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { hashToken } from '../auth/secrets.js';
import type { ApiDeps, Env } from './context.js';
import { HttpError } from './errors.js';

export const sessionCookie = 'lw_session';

/** The token a request carries: the session cookie, or `Authorization: Bearer` for scripts. */
function credentials(c: Context): { kind: 'session' | 'bearer'; token: string } | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return { kind: 'bearer', token: header.slice(7).trim() };
  const cookie = getCookie(c, sessionCookie);
  return cookie ? { kind: 'session', token: cookie } : null;
}

/** The user a request is logged in as (session cookie or API token), if any. */
export function currentUser(c: Context, deps: ApiDeps): User | undefined {
  const cred = credentials(c);
  if (!cred) return undefined;
  const hash = hashToken(cred.token);
  return cred.kind === 'bearer'
    ? deps.store.users.apiTokenUser(hash)
    : deps.store.users.sessionUser(hash, deps.now());
}

/**
 * Requires a logged-in user (session cookie or API token) and puts it in
 * `c.get('user')`; everything the user sees is scoped to the user's org.
 */
export function requireUser(deps: ApiDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const cred = credentials(c);
    const hash = cred && hashToken(cred.token);
    const user =
      hash &&
      (cred.kind === 'bearer'
        ? deps.store.users.apiTokenUser(hash)
        : deps.store.users.sessionUser(hash, deps.now()));
    if (!user) throw new HttpError(401, 'unauthenticated', 'Please log in.');
    c.set('user', user);
    await next();
  };
}

/** Methods that only read. */
const reading = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Changes to the shop's settings (lines, alerting, contacts, maintenance,
 * users) are for admins; technicians see everything and work incidents.
 * Runs before the routes' own `requireUser`: a request without a login
 * passes through to get its 401 there. `allow` names paths anyone logged in
 * may change (e.g. "check now").
 *
 * @example app.use('/api/v1/alert-channels/*', adminForChanges(deps))
 */
export function adminForChanges(deps: ApiDeps, allow: RegExp | null = null): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (reading.has(c.req.method) || allow?.test(c.req.path)) return next();
    const user = currentUser(c, deps);
    if (user && user.role !== 'admin')
      throw new HttpError(403, 'forbidden', 'Only an administrator can change this.');
    await next();
  };
}
