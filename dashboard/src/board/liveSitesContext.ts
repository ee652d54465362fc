import type { Site } from '@linewatch/shared';
import { createContext, useContext } from 'react';
import type { BoardState } from './boardState';

export interface LiveSites {
  state: BoardState;
  reload(): void;
  /** Shows a site the user just created or changed, before its live event arrives. */
  showSite(site: Site): void;
}

export const LiveSitesContext = createContext<LiveSites | null>(null);

/** Every site of the shop, kept current by the live feed (one feed for the whole app). */
export function useLiveSites(): LiveSites {
  const live = useContext(LiveSitesContext);
  if (live === null) throw new Error('useLiveSites needs a <LiveSitesProvider> above it');
  return live;
}
