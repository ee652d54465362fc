import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, ApiTokenCreate, ApiTokenCreated, LoginRequest, User } from '@linewatch/shared';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createLimiter } from '../../auth/limiter.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { hashToken, randomToken } from '../../auth/secrets.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { currentUser, requireUser, sessionCookie } from '../session.js';

const UserBody = z.object({ user: User });

/** Login, logout, the current user and API tokens. */
export function authRoutes(app: Api, deps: ApiDeps): void {
  const limiter = createLimiter(2, 20);
  // Unknown e-mails still cost one hash, so timing does not tell which addresses exist.
  const dummyHash = hashPassword(randomToken());

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tags: ['auth'],
      summary: 'Log in; sets the session cookie',
      request: { body: { ...json(LoginRequest, 'E-mail and password'), required: true } },
      responses: {
        200: json(UserBody, 'Logged in'),
        401: json(ApiError, 'Wrong e-mail or password'),
        503: json(ApiError, 'Too many logins at once'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const found = deps.store.users.credentialsByEmail(email);
      const ok = await limiter.run(() =>
        verifyPassword(password, found?.passwordHash ?? '').then(async (v) => {
          if (!found) await verifyPassword(password, await dummyHash);
          return v;
        }),
      );
      if (ok === undefined)
        throw new HttpError(503, 'busy', 'Too many logins at once; try again in a moment.');
      if (!ok || !found) throw new HttpError(401, 'bad_credentials', 'Wrong e-mail or password.');
      const token = randomToken();
      const now = deps.now();
      const maxAge = deps.config.sessionHours * 3600;
      deps.store.users.createSession(hashToken(token), found.user, now, now + maxAge * 1000);
      setCookie(c, sessionCookie, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        maxAge,
        secure: new URL(c.req.url).protocol === 'https:',
      });
      deps.log.info({ userId: found.user.id }, 'user logged in');
      return c.json({ user: found.user }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tags: ['auth'],
      summary: 'Log out; ends the session',
      responses: { 204: { description: 'Logged out' } },
    }),
    (c) => {
      const token = getCookie(c, sessionCookie);
      if (token) deps.store.users.deleteSession(hashToken(token));
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      tags: ['auth'],
      summary: 'The logged-in user, or null (a 200 either way, so a signed-out page load logs no error)',
      responses: {
        200: json(
          z.object({ user: User.nullable(), timeZone: z.string() }),
          "The user (null when not logged in) and the shop's time zone for dates",
        ),
      },
    }),
    (c) => c.json({ user: currentUser(c, deps) ?? null, timeZone: deps.config.timeZone }, 200),
  );

  app.use('/api/v1/auth/tokens', requireUser(deps));
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/tokens',
      tags: ['auth'],
      summary: 'Create an API token for scripts (shown once)',
      request: { body: { ...json(ApiTokenCreate, 'A name for the token'), required: true } },
      responses: { 201: json(ApiTokenCreated, 'The token'), 401: json(ApiError, 'Not logged in') },
    }),
    (c) => {
      const { name } = c.req.valid('json');
      const token = `lwt_${randomToken()}`;
      deps.store.users.createApiToken(hashToken(token), c.get('user'), name, deps.now());
      return c.json({ name, token }, 201);
    },
  );
}
