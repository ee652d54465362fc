import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { useApi } from '../app/context';
import { LiveSitesContext } from './liveSitesContext';
import { useBoard } from './useBoard';

/** Least time between incident refetches caused by live site changes, in ms. */
const incidentRefreshMs = 1_500;

/**
 * Opens the live feed once for the signed-in user. A site that changes
 * usually opens or closes an incident, so incident queries are refreshed
 * soon after (throttled: an area outage changes hundreds of sites at once).
 */
export function LiveSitesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { state, reload, showSite } = useBoard(api);
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
      void queryClient.invalidateQueries({ queryKey: ['incidents'] });
      void queryClient.invalidateQueries({ queryKey: ['incident'] });
      void queryClient.invalidateQueries({ queryKey: ['site'] });
    }, incidentRefreshMs);
  }, [state.sites, queryClient]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const value = useMemo(() => ({ state, reload, showSite }), [state, reload, showSite]);
  return <LiveSitesContext value={value}>{children}</LiveSitesContext>;
}
