import type { Api } from '../../api/context.js';
import type { Store } from '../../store/index.js';
import { type AckPageState, ackPage } from '../ack-page.js';
import { type AckLookup, acknowledgeByLink, lookUpAck } from '../acknowledge.js';
import type { Alerts } from '../index.js';
import { incidentSites } from '../message-facts.js';
import { incidentSummary } from '../templates.js';

/** Pages of acknowledge links: never cached, never indexed, no referrer (the token is in the URL). */
const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' };

export interface AckRouteDeps {
  store: Store;
  alerts: Alerts;
  now(): number;
  /** Told after an incident was acknowledged (live feed, alerts). */
  incidentChanged(incidentId: string): void;
}

/**
 * `GET /ack/{token}` shows what the link acknowledges and a button (a GET
 * changes nothing: mail scanners and link previews follow links);
 * `POST /ack/{token}` acknowledges, recorded as "via link (channel / target)".
 * No login: the signed, expiring token is the permission (see `ack-token.ts`).
 */
export function ackRoutes(app: Api, deps: AckRouteDeps): void {
  const ackDeps = {
    store: deps.store,
    alertStore: deps.alerts.alertStore,
    ackKey: deps.alerts.ackKey,
    now: deps.now,
  };

  const render = (found: AckLookup, state: AckPageState) => {
    if (found.status === 'invalid') return ackPage({ state: 'invalid', lang: 'en' });
    const summary = incidentSummary({
      lang: found.lang,
      timeZone: deps.alerts.config.timeZone,
      now: deps.now(),
      incident: found.incident,
      sites: incidentSites(deps.store, found.incident),
    });
    return ackPage({ state, lang: found.lang, summary, by: found.incident.acknowledged_by ?? '' });
  };
  const status = (found: AckLookup) =>
    found.status === 'invalid' ? 404 : found.status === 'expired' ? 410 : 200;

  app.get('/ack/:token', (c) => {
    const found = lookUpAck(ackDeps, c.req.param('token'));
    return c.html(
      render(found, found.status === 'invalid' ? 'invalid' : found.status),
      status(found),
      headers,
    );
  });

  app.post('/ack/:token', (c) => {
    const found = acknowledgeByLink(ackDeps, c.req.param('token'));
    if (found.status === 'ready') deps.incidentChanged(found.incident.id);
    return c.html(render(found, found.status === 'ready' ? 'done' : found.status), status(found), headers);
  });
}
