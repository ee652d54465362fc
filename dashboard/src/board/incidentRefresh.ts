import type { LiveIncident } from '@linewatch/shared';
import type { QueryClient } from '@tanstack/react-query';

/** How long incident changes are gathered before the incident queries are refreshed, in ms. */
export const incidentRefreshMs = 500;

export interface IncidentRefreshOptions {
  delayMs?: number;
  setTimer?(callback: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

/**
 * Refreshes the dashboard's incident queries (TanStack Query keys
 * `['incidents', …]` and `['incident', id, …]`) after the live feed told
 * of incident changes. Changes are gathered for `delayMs` first: an area
 * outage changes dozens of incidents within a second, and one refresh of
 * each list is enough.
 *
 * @example
 * const refresh = createIncidentRefresh(queryClient);
 * openLiveFeed({ …, onIncident: refresh.changed });
 */
export function createIncidentRefresh(queryClient: QueryClient, options: IncidentRefreshOptions = {}) {
  const delayMs = options.delayMs ?? incidentRefreshMs;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  /** Incidents changed since the last refresh; null: any may have (refresh every one). */
  let pending: Set<string> | null = new Set();
  let timer: unknown = null;

  function refresh(): void {
    timer = null;
    const ids = pending;
    pending = new Set();
    void queryClient.invalidateQueries({ queryKey: ['incidents'] });
    if (ids === null) void queryClient.invalidateQueries({ queryKey: ['incident'] });
    else for (const id of ids) void queryClient.invalidateQueries({ queryKey: ['incident', id] });
  }

  return {
    /** An incident changed (null: unknown which, e.g. the feed reopened after missing events). */
    changed(event: LiveIncident | null): void {
      if (event === null) pending = null;
      else pending?.add(event.incident.id);
      if (timer === null) timer = setTimer(refresh, delayMs);
    },
    dispose(): void {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
export type IncidentRefresh = ReturnType<typeof createIncidentRefresh>;
