import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, SiteAlertSettings, type User } from '@linewatch/shared';
import type { Api, ApiDeps } from '../../api/context.js';
import { HttpError } from '../../api/errors.js';
import { json } from '../../api/openapi.js';
import { requireUser } from '../../api/session.js';
import type { Alerts } from '../index.js';

const SiteParams = z.object({ id: z.uuid() });
const errors = { 401: json(ApiError, 'Not logged in'), 404: json(ApiError, 'No such site') };
const invalid = { 400: json(ApiError, 'A field is missing or invalid') };

/**
 * `GET/PUT /api/v1/sites/{id}/alert-settings`: the site's customer notice
 * (off by default) — an SMS and/or e-mail to the customer when the line
 * fails and when it is fixed. Switching it on needs a channel of the
 * medium to send it through.
 */
export function siteAlertSettingsRoutes(app: Api, deps: ApiDeps & { alerts: Alerts }): void {
  const { store } = deps;
  const { alertStore } = deps.alerts;
  app.use('/api/v1/sites/*', requireUser(deps));

  const findSite = (user: User, id: string) => {
    const site = store.sites.get(user.orgId, id);
    if (!site) throw new HttpError(404, 'not_found', 'No such site.');
    return site;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites/{id}/alert-settings',
      tags: ['alerts'],
      summary: "The site's customer notice (off by default)",
      request: { params: SiteParams },
      responses: { 200: json(SiteAlertSettings, 'The settings'), ...errors },
    }),
    (c) => c.json(alertStore.siteSettings.get(findSite(c.get('user'), c.req.valid('param').id).id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/sites/{id}/alert-settings',
      tags: ['alerts'],
      summary:
        'Set the customer notice: an SMS and/or e-mail to the customer when the line fails and when it is fixed',
      request: { params: SiteParams, body: { ...json(SiteAlertSettings, 'The settings'), required: true } },
      responses: { 200: json(SiteAlertSettings, 'The settings'), ...invalid, ...errors },
    }),
    (c) => {
      const user = c.get('user');
      const site = findSite(user, c.req.valid('param').id);
      const body = c.req.valid('json');
      // The complaint names the field, in `issues` too, so the form shows it beside that field.
      const refuse = (path: string, message: string) =>
        new HttpError(400, 'invalid_request', `${path}: ${message}`, [{ path, message }]);
      if (body.customerNotice && body.customerPhone && !alertStore.channels.firstOfMedium(user.orgId, 'sms'))
        throw refuse('customerPhone', 'no SMS channel is set up to send it through');
      if (
        body.customerNotice &&
        body.customerEmail &&
        !alertStore.channels.firstOfMedium(user.orgId, 'email')
      )
        throw refuse('customerEmail', 'no e-mail channel is set up to send it through');
      alertStore.siteSettings.put(site.id, body, deps.now());
      return c.json(alertStore.siteSettings.get(site.id), 200);
    },
  );
}
