import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, Contact, ContactInput } from '@linewatch/shared';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const Params = z.object({ id: z.uuid() });
const body = { content: { 'application/json': { schema: ContactInput } }, required: true };
const notFound = () => new HttpError(404, 'not_found', 'No such contact.');

/** The shop's people who receive alerts; channel recipients are picked from them. */
export function contactRoutes(app: Api, deps: ApiDeps): void {
  const { store } = deps;
  app.use('/api/v1/contacts', requireUser(deps));
  app.use('/api/v1/contacts/*', requireUser(deps));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contacts',
      tags: ['alerts'],
      summary: 'Every contact, by name',
      responses: { 200: json(z.array(Contact), 'The contacts'), 401: json(ApiError, 'Not logged in') },
    }),
    (c) => c.json(store.contacts.list(c.get('user').orgId), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contacts',
      tags: ['alerts'],
      summary: 'Add a contact (an e-mail address or a mobile number at least)',
      request: { body },
      responses: { 201: json(Contact, 'The contact'), 400: json(ApiError, 'Invalid contact') },
    }),
    (c) => c.json(store.contacts.create(c.get('user').orgId, c.req.valid('json'), deps.now()), 201),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/contacts/{id}',
      tags: ['alerts'],
      summary: 'Replace a contact',
      request: { params: Params, body },
      responses: {
        200: json(Contact, 'The contact'),
        400: json(ApiError, 'Invalid contact'),
        404: json(ApiError, 'No such contact'),
      },
    }),
    (c) => {
      const orgId = c.get('user').orgId;
      const { id } = c.req.valid('param');
      if (!store.contacts.update(orgId, id, c.req.valid('json'), deps.now())) throw notFound();
      return c.json(store.contacts.get(orgId, id) as Contact, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/contacts/{id}',
      tags: ['alerts'],
      summary: 'Remove a contact (channels keep the addresses they were given)',
      request: { params: Params },
      responses: { 204: { description: 'Removed' }, 404: json(ApiError, 'No such contact') },
    }),
    (c) => {
      if (!store.contacts.remove(c.get('user').orgId, c.req.valid('param').id)) throw notFound();
      return c.body(null, 204);
    },
  );
}
