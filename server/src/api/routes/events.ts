import type { Site } from '@linewatch/shared';
import { streamSSE } from 'hono/streaming';
import type { Api, ApiDeps } from '../context.js';
import { requireUser } from '../session.js';

/** How often a comment line keeps proxies from closing an idle stream, in ms. */
const heartbeatMs = 15_000;

/**
 * The board's live feed: Server-Sent Events, `event: site` with the site
 * as JSON whenever one changes. Not in the OpenAPI document (a stream).
 */
export function eventRoutes(app: Api, deps: ApiDeps): void {
  app.use('/api/v1/events', requireUser(deps));
  app.get('/api/v1/events', (c) => {
    const { orgId } = c.get('user');
    return streamSSE(c, async (stream) => {
      const queue: Site[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = deps.siteEvents.subscribe(orgId, (site) => {
        queue.push(site);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({
        event: 'hello',
        data: JSON.stringify({ at: new Date(deps.now()).toISOString() }),
      });
      while (!stream.aborted) {
        const site = queue.shift();
        if (site) {
          await stream.writeSSE({ event: 'site', data: JSON.stringify(site), id: String(deps.now()) });
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
