import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { useApi } from '../app/context';
import { createIncidentRefresh } from './incidentRefresh';
import { LiveSitesContext } from './liveSitesContext';
import { useBoard } from './useBoard';

/** Least time between site-page refetches caused by live site changes, in ms. */
const siteRefreshMs = 1_500;

/**
 * Opens the live feed once for the signed-in user. Incident changes pushed
 * by the feed refresh the incident queries (gathered briefly: an area
 * outage changes dozens at once); site changes refresh open site pages
 * (throttled: an area outage changes hundreds of sites at once).
 */
export function LiveSitesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const incidents = useMemo(() => createIncidentRefresh(queryClient), [queryClient]);
  const { state, reload, showSite } = useBoard(api, incidents.changed);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const first = useRef(true);

  useEffect(() => {
    void state.sites;
    if (first.current) {
      first.current = false;
      return;
    }
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: ['site'] });
    }, siteRefreshMs);
  }, [state.sites, queryClient]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      incidents.dispose();
    },
    [incidents],
  );

  const value = useMemo(() => ({ state, reload, showSite }), [state, reload, showSite]);
  return <LiveSitesContext value={value}>{children}</LiveSitesContext>;
}
