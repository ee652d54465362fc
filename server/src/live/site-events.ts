import { EventEmitter } from 'node:events';
import type { Site } from '@linewatch/shared';

/** One change the dashboards hear of: a site created or changed, or a site deleted. */
export type SiteChange = { kind: 'site'; site: Site } | { kind: 'site_deleted'; id: string };

/**
 * In-process fan-out of site changes to the dashboard's live feeds.
 *
 * @example
 * const hub = createSiteEvents();
 * const off = hub.subscribe(orgId, (change) => send(change));
 */
export function createSiteEvents() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(orgId: string, site: Site): void {
      emitter.emit(orgId, { kind: 'site', site } satisfies SiteChange);
    },
    publishDeleted(orgId: string, id: string): void {
      emitter.emit(orgId, { kind: 'site_deleted', id } satisfies SiteChange);
    },
    /** Returns the unsubscribe function. */
    subscribe(orgId: string, listener: (change: SiteChange) => void): () => void {
      emitter.on(orgId, listener);
      return () => emitter.off(orgId, listener);
    },
  };
}
export type SiteEvents = ReturnType<typeof createSiteEvents>;
