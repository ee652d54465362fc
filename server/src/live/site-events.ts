import { EventEmitter } from 'node:events';
import type { Site } from '@linewatch/shared';

/**
 * In-process fan-out of site changes to the dashboard's live feeds.
 *
 * @example
 * const hub = createSiteEvents();
 * const off = hub.subscribe(orgId, (site) => send(site));
 */
export function createSiteEvents() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(orgId: string, site: Site): void {
      emitter.emit(orgId, site);
    },
    /** Returns the unsubscribe function. */
    subscribe(orgId: string, listener: (site: Site) => void): () => void {
      emitter.on(orgId, listener);
      return () => emitter.off(orgId, listener);
    },
  };
}
export type SiteEvents = ReturnType<typeof createSiteEvents>;
