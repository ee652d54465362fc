import { createRoute, z } from '@hono/zod-openapi';
import {
  AlertChannel,
  AlertChannelCreate,
  AlertChannelUpdate,
  AlertNotification,
  AlertPolicy,
  AlertPolicyInput,
  ApiError,
  ChannelSettings,
  NotificationListQuery,
  restoreSecrets,
  TestSendResult,
  type User,
} from '@linewatch/shared';
import type { Alerts } from '../../alerts/index.js';
import { ackRoutes } from '../../alerts/routes/ack.js';
import { siteAlertSettingsRoutes } from '../../alerts/routes/site-settings.js';
import type { StoredChannel } from '../../alerts/store/channels.js';
import { toAlertPolicy } from '../../alerts/store/policies.js';
import { toAlertChannel, toAlertNotification } from '../../alerts/views.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError, validationError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

/** What the alert routes need: the API's deps and the server's alerts. */
export type AlertRouteDeps = ApiDeps & { alerts: Alerts };

const Params = z.object({ id: z.string().min(1).max(100) });
const IncidentParams = z.object({ id: z.uuid() });
const errors = { 401: json(ApiError, 'Not logged in'), 404: json(ApiError, 'Not found') };
const invalid = { 400: json(ApiError, 'A field is missing or invalid') };
const noContent = { description: 'Done' };

/**
 * Alert channels (secrets never returned), policies, the outbox per channel
 * and per incident, test sends, per-site customer notices, and the public
 * acknowledge links (`/ack/{token}`).
 */
export function alertRoutes(app: Api, deps: AlertRouteDeps): void {
  const { alerts, store } = deps;
  const { alertStore } = alerts;
  for (const path of ['/api/v1/alert-channels', '/api/v1/alert-policies'])
    for (const p of [path, `${path}/*`]) app.use(p, requireUser(deps));
  app.use('/api/v1/incidents/*', requireUser(deps));

  const view = (c: StoredChannel) => toAlertChannel(alertStore, c, deps.now(), alerts.config.timeZone);
  const findChannel = (user: User, id: string): StoredChannel => {
    const c = alertStore.channels.get(user.orgId, id);
    if (!c) throw new HttpError(404, 'not_found', 'No such channel.');
    return c;
  };
  const ownChannel = (user: User, id: string): StoredChannel => {
    const c = findChannel(user, id);
    if (c.builtin)
      throw new HttpError(
        409,
        'builtin',
        'This channel is configured by the environment (LINEWATCH_SMTP_URL).',
      );
    return c;
  };
  const checkPolicy = (user: User, p: AlertPolicyInput): void => {
    const refuse = (path: string) =>
      new HttpError(400, 'invalid_request', `${path}: no such channel`, [
        { path, message: 'no such channel' },
      ]);
    if (!alertStore.channels.get(user.orgId, p.channelId)) throw refuse('channelId');
    if (p.escalation && !alertStore.channels.get(user.orgId, p.escalation.channelId))
      throw refuse('escalation.channelId');
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/alert-channels',
      tags: ['alerts'],
      summary: 'Alert channels, secrets masked; the e-mail channel from the environment first',
      responses: { 200: json(z.array(AlertChannel), 'The channels'), 401: errors[401] },
    }),
    (c) => c.json(alertStore.channels.list(c.get('user').orgId).map(view), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/alert-channels',
      tags: ['alerts'],
      summary: 'Create a channel (e-mail, SMS provider, webhook, chat)',
      request: { body: { ...json(AlertChannelCreate, 'The channel'), required: true } },
      responses: { 201: json(AlertChannel, 'The channel'), ...invalid, 401: errors[401] },
    }),
    (c) =>
      c.json(view(alertStore.channels.create(c.get('user').orgId, c.req.valid('json'), deps.now())), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/alert-channels/{id}',
      tags: ['alerts'],
      summary: 'One channel, secrets masked',
      request: { params: Params },
      responses: { 200: json(AlertChannel, 'The channel'), ...errors },
    }),
    (c) => c.json(view(findChannel(c.get('user'), c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/alert-channels/{id}',
      tags: ['alerts'],
      summary: 'Replace a channel; a secret sent back masked keeps its stored value',
      request: { params: Params, body: { ...json(AlertChannelUpdate, 'The channel'), required: true } },
      responses: {
        200: json(AlertChannel, 'The channel'),
        ...invalid,
        ...errors,
        409: json(ApiError, 'Built-in'),
      },
    }),
    (c) => {
      const stored = ownChannel(c.get('user'), c.req.valid('param').id);
      const body = c.req.valid('json');
      const parsed = ChannelSettings.safeParse(restoreSecrets(body.settings, stored.settings));
      if (!parsed.success) throw validationError(parsed.error, 'settings', 'settings');
      alertStore.channels.update(stored.id, { ...body, settings: parsed.data }, deps.now());
      return c.json(view(findChannel(c.get('user'), stored.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/alert-channels/{id}',
      tags: ['alerts'],
      summary: 'Delete a channel that no policy uses',
      request: { params: Params },
      responses: { 204: noContent, ...errors, 409: json(ApiError, 'Built-in, or used by a policy') },
    }),
    (c) => {
      const user = c.get('user');
      const stored = ownChannel(user, c.req.valid('param').id);
      const usedBy = alertStore.policies
        .list(user.orgId)
        .find((p) => p.channelId === stored.id || p.escalation?.channelId === stored.id);
      if (usedBy) throw new HttpError(409, 'in_use', `The policy "${usedBy.name}" uses this channel.`);
      alertStore.channels.remove(stored.id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/alert-channels/{id}/test',
      tags: ['alerts'],
      summary: "Send a test message to every target of the channel now; answers with each provider's reply",
      request: { params: Params },
      responses: { 200: json(TestSendResult, 'What each target answered'), ...errors },
    }),
    async (c) => {
      const result = await alerts.dispatcher.testSend(c.get('user').orgId, c.req.valid('param').id);
      if (!result) throw new HttpError(404, 'not_found', 'No such channel.');
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/alert-channels/{id}/notifications',
      tags: ['alerts'],
      summary: 'What the channel sent or tried to, newest first, with every attempt',
      request: { params: Params, query: NotificationListQuery },
      responses: { 200: json(z.array(AlertNotification), 'The notifications'), ...errors },
    }),
    (c) => {
      const ch = findChannel(c.get('user'), c.req.valid('param').id);
      const rows = alertStore.notifications.forChannel(ch.id, c.req.valid('query').limit);
      const own = rows.filter((r) => r.org_id === c.get('user').orgId);
      return c.json(
        own.map((r) => toAlertNotification(alertStore, r)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/incidents/{id}/notifications',
      tags: ['alerts'],
      summary: "Every notification of an incident (and of an area incident's sites), with every attempt",
      request: { params: IncidentParams, query: NotificationListQuery },
      responses: { 200: json(z.array(AlertNotification), 'The notifications'), ...errors },
    }),
    (c) => {
      const incident = store.incidents.get(c.req.valid('param').id);
      if (!incident || incident.org_id !== c.get('user').orgId)
        throw new HttpError(404, 'not_found', 'No such incident.');
      const limit = c.req.valid('query').limit;
      const ids = [incident.id, ...store.incidents.children(incident.id).map((i) => i.id)];
      const rows = ids.flatMap((id) => alertStore.notifications.forIncident(id, limit)).slice(0, limit);
      return c.json(
        rows.map((r) => toAlertNotification(alertStore, r)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/alert-policies',
      tags: ['alerts'],
      summary:
        'Alert policies: who hears what. While there are none, down incidents go to LINEWATCH_ALERT_EMAIL',
      responses: { 200: json(z.array(AlertPolicy), 'The policies'), 401: errors[401] },
    }),
    (c) => c.json(alertStore.policies.list(c.get('user').orgId).map(toAlertPolicy), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/alert-policies',
      tags: ['alerts'],
      summary: 'Create a policy',
      request: { body: { ...json(AlertPolicyInput, 'The policy'), required: true } },
      responses: { 201: json(AlertPolicy, 'The policy'), ...invalid, 401: errors[401] },
    }),
    (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      checkPolicy(user, body);
      return c.json(toAlertPolicy(alertStore.policies.create(user.orgId, body, deps.now())), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/alert-policies/{id}',
      tags: ['alerts'],
      summary: 'Replace a policy (applies to incidents planned from now on)',
      request: { params: Params, body: { ...json(AlertPolicyInput, 'The policy'), required: true } },
      responses: { 200: json(AlertPolicy, 'The policy'), ...invalid, ...errors },
    }),
    (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      if (!alertStore.policies.get(user.orgId, id)) throw new HttpError(404, 'not_found', 'No such policy.');
      const body = c.req.valid('json');
      checkPolicy(user, body);
      alertStore.policies.update(id, body, deps.now());
      const updated = alertStore.policies.get(user.orgId, id);
      if (!updated) throw new HttpError(404, 'not_found', 'No such policy.');
      return c.json(toAlertPolicy(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/alert-policies/{id}',
      tags: ['alerts'],
      summary: 'Delete a policy',
      request: { params: Params },
      responses: { 204: noContent, ...errors },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      if (!alertStore.policies.get(c.get('user').orgId, id))
        throw new HttpError(404, 'not_found', 'No such policy.');
      alertStore.policies.remove(id);
      return c.body(null, 204);
    },
  );

  siteAlertSettingsRoutes(app, deps);
  ackRoutes(app, deps);
}
