import type { DetectionState, SiteDeleted } from '@linewatch/shared';
import { streamSSE } from 'hono/streaming';
import type { Api, ApiDeps } from '../context.js';
import { currentUser, requireUser } from '../session.js';

/** How often a comment line keeps proxies from closing an idle stream, in ms. */
const heartbeatMs = 15_000;
/**
 * How often an open stream checks that its login still holds, in ms: a
 * removed user, a session logged out or expired, stops hearing within a
 * heartbeat. The browser then reconnects, gets a 401 and shows the login.
 */
const sessionCheckMs = 5_000;

/** One Server-Sent Event waiting to be written. */
interface Pending {
  event: 'site' | 'site_deleted' | 'incident' | 'detection';
  data: string;
}

/**
 * The dashboard's live feed: Server-Sent Events, `event: site` with the
 * site as JSON whenever one changes, `event: site_deleted` with `{id}`
 * when one is deleted, `event: detection` with the {@link DetectionState}
 * when the server begins or stops looking cut off, and `event: incident` with
 * `{change: opened|changed|resolved, incident}` whenever an incident does.
 * Not in the OpenAPI document (a stream).
 */
export function eventRoutes(app: Api, deps: ApiDeps): void {
  app.use('/api/v1/events', requireUser(deps));
  app.get('/api/v1/events', (c) => {
    const { orgId } = c.get('user');
    return streamSSE(c, async (stream) => {
      const queue: Pending[] = [];
      let wake: (() => void) | null = null;
      const push = (p: Pending) => {
        queue.push(p);
        wake?.();
      };
      const offSites = deps.siteEvents.subscribe(orgId, (change) =>
        push(
          change.kind === 'site'
            ? { event: 'site', data: JSON.stringify(change.site) }
            : { event: 'site_deleted', data: JSON.stringify({ id: change.id } satisfies SiteDeleted) },
        ),
      );
      const offIncidents = deps.incidentEvents.subscribe(orgId, (e) =>
        push({ event: 'incident', data: JSON.stringify(e) }),
      );
      const offDetection = deps.detection.subscribe((state) =>
        push({ event: 'detection', data: JSON.stringify(state) }),
      );
      const unsubscribe = () => {
        offSites();
        offIncidents();
        offDetection();
      };
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({
        event: 'hello',
        data: JSON.stringify({ at: new Date(deps.now()).toISOString() }),
      });
      let checkedAt = deps.now();
      while (!stream.aborted) {
        if (deps.now() - checkedAt >= sessionCheckMs) {
          checkedAt = deps.now();
          if (!currentUser(c, deps)) break;
        }
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ ...next, id: String(deps.now()) });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, heartbeatMs).unref();
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.write(': heartbeat\n\n');
      }
      unsubscribe();
    });
  });
}
