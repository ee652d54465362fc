import { useCallback } from 'react';
import { useLiveSites } from './liveSitesContext';

/** "Customer – Site" for a site id, from the live list; the id itself when unknown. */
export function useSiteNames(): (id: string) => string {
  const { state } = useLiveSites();
  return useCallback(
    (id: string) => {
      const site = state.sites.get(id);
      return site ? `${site.customer} – ${site.name}` : id;
    },
    [state.sites],
  );
}
