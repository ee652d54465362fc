import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, PasswordChange, User, UserCreate, UserCreated, UserRoleChange } from '@linewatch/shared';
import { getCookie } from 'hono/cookie';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { hashToken, randomToken } from '../../auth/secrets.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser, sessionCookie } from '../session.js';

const Params = z.object({ id: z.uuid() });
const notFound = () => new HttpError(404, 'not_found', 'No such user.');
const lastAdmin = () =>
  new HttpError(409, 'last_admin', 'The shop needs at least one administrator: make someone else one first.');

/**
 * The shop's users: admins (everything) and technicians (see everything,
 * work incidents). Changing them is for admins (`adminForChanges` in
 * `app.ts`); changing one's own password is for everyone.
 */
export function userRoutes(app: Api, deps: ApiDeps): void {
  const { store } = deps;
  app.use('/api/v1/users', requireUser(deps));
  app.use('/api/v1/users/*', requireUser(deps));
  app.use('/api/v1/auth/password', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/users',
      tags: ['auth'],
      summary: "The shop's users",
      responses: { 200: json(z.array(User), 'The users'), 401: json(ApiError, 'Not logged in') },
    }),
    (c) => c.json(store.users.list(c.get('user').orgId), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users',
      tags: ['auth'],
      summary: 'Add a user; without a password one is generated and returned once',
      request: { body: { ...json(UserCreate, 'The user'), required: true } },
      responses: {
        201: json(UserCreated, 'The user'),
        400: json(ApiError, 'Invalid'),
        403: json(ApiError, 'Not an administrator'),
        409: json(ApiError, 'The e-mail address is taken'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if (store.users.credentialsByEmail(body.email))
        throw new HttpError(409, 'email_taken', 'There is already a user with this e-mail address.');
      const generated = body.password ? undefined : randomToken(12);
      const hash = await hashPassword(body.password ?? (generated as string));
      const user = store.users.createUser(c.get('user').orgId, body.email, hash, body.role, deps.now());
      deps.log.info({ userId: user.id, role: user.role, by: c.get('user').id }, 'user added');
      return c.json({ ...user, ...(generated ? { password: generated } : {}) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/users/{id}',
      tags: ['auth'],
      summary: "Change a user's role (the last administrator stays one)",
      request: { params: Params, body: { ...json(UserRoleChange, 'The role'), required: true } },
      responses: {
        200: json(User, 'The user'),
        404: json(ApiError, 'No such user'),
        409: json(ApiError, 'The last administrator'),
      },
    }),
    (c) => {
      const { orgId } = c.get('user');
      const { id } = c.req.valid('param');
      const { role } = c.req.valid('json');
      const user = store.users.get(orgId, id);
      if (!user) throw notFound();
      if (user.role === 'admin' && role !== 'admin' && store.users.adminCount(orgId) <= 1) throw lastAdmin();
      store.users.setRole(orgId, id, role);
      return c.json({ ...user, role }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/users/{id}',
      tags: ['auth'],
      summary: 'Remove a user; their sessions and API tokens end at once',
      request: { params: Params },
      responses: {
        204: { description: 'Removed' },
        404: json(ApiError, 'No such user'),
        409: json(ApiError, 'The last administrator'),
      },
    }),
    (c) => {
      const { orgId } = c.get('user');
      const user = store.users.get(orgId, c.req.valid('param').id);
      if (!user) throw notFound();
      if (user.role === 'admin' && store.users.adminCount(orgId) <= 1) throw lastAdmin();
      store.users.remove(orgId, user.id);
      deps.log.info({ userId: user.id, by: c.get('user').id }, 'user removed');
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/password',
      tags: ['auth'],
      summary: 'Change your own password; your other sessions end',
      request: { body: { ...json(PasswordChange, 'The current and the new password'), required: true } },
      responses: { 204: { description: 'Changed' }, 403: json(ApiError, 'The current password is wrong') },
    }),
    async (c) => {
      const user = c.get('user');
      const { currentPassword, newPassword } = c.req.valid('json');
      if (!(await verifyPassword(currentPassword, store.users.passwordHash(user.id) ?? '')))
        throw new HttpError(403, 'wrong_password', 'The current password is wrong.');
      store.users.setPassword(user.id, await hashPassword(newPassword));
      const session = getCookie(c, sessionCookie);
      store.users.endOtherSessions(user.id, session ? hashToken(session) : '');
      deps.log.info({ userId: user.id }, 'password changed');
      return c.body(null, 204);
    },
  );
}
