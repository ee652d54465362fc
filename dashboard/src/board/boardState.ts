import type { DetectionState, Site, SiteCreated } from '@linewatch/shared';
import type { ApiProblem } from '../api/errors';

/**
 * The board's data as a pure reducer: the list from `GET /sites`, merged
 * with live `site` and `site_deleted` events.
 *
 * Why events are buffered during a load: a snapshot is taken at some moment
 * while the request is in flight, so a live event that arrives meanwhile may
 * be newer than the snapshot. Events are delivered in order, so replaying
 * every event received since the load started on top of the snapshot yields
 * the newest state of each site, and nothing is lost.
 */

export type LiveState = 'connecting' | 'open' | 'paused';

/** A live change kept while a load is in flight: a site created or changed, or the id of a deleted one. */
export type BufferedChange = { site: Site } | { deleted: string };

export interface BoardState {
  /** By id. Replaced, never mutated. */
  sites: ReadonlyMap<string, Site>;
  /** Whether a snapshot has ever arrived (until then the board shows "Loading"). */
  loaded: boolean;
  /** The last load's failure, cleared by the next successful one. */
  problem: ApiProblem | null;
  live: LiveState;
  /** Whether the server counts silent boxes as down, or looks cut off itself; null until known. */
  detection: DetectionState | null;
  /** The load whose answer counts; older answers are stale. */
  pendingLoad: number | null;
  /** Live events received since `pendingLoad` started; null when no load is in flight. */
  buffered: readonly BufferedChange[] | null;
}

export type BoardAction =
  | { type: 'loadStarted'; load: number }
  | { type: 'loaded'; load: number; sites: readonly Site[] }
  | { type: 'loadFailed'; load: number; problem: ApiProblem }
  | { type: 'siteChanged'; site: Site }
  | { type: 'siteDeleted'; id: string }
  | { type: 'detectionChanged'; detection: DetectionState }
  | { type: 'liveOpened' }
  | { type: 'livePaused' };

export const initialBoardState: BoardState = {
  sites: new Map(),
  loaded: false,
  problem: null,
  live: 'connecting',
  detection: null,
  pendingLoad: null,
  buffered: null,
};

/** Creates or replaces one site, by id. */
export function mergeSite(sites: ReadonlyMap<string, Site>, site: Site): Map<string, Site> {
  const next = new Map(sites);
  next.set(site.id, site);
  return next;
}

/** Removes one site, by id. */
export function dropSite(sites: ReadonlyMap<string, Site>, id: string): ReadonlyMap<string, Site> {
  if (!sites.has(id)) return sites;
  const next = new Map(sites);
  next.delete(id);
  return next;
}

/** A created site without its one-time token: the token must not linger in state. */
export function withoutToken(created: SiteCreated): Site {
  const { enrollmentToken: _token, ...site } = created;
  return site;
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'loadStarted':
      // Keep an existing buffer: a newer load may be answered from an older snapshot's moment.
      return { ...state, pendingLoad: action.load, buffered: state.buffered ?? [] };
    case 'loaded': {
      if (action.load !== state.pendingLoad) return state;
      let sites: ReadonlyMap<string, Site> = new Map(action.sites.map((site) => [site.id, site]));
      for (const change of state.buffered ?? [])
        sites = 'site' in change ? mergeSite(sites, change.site) : dropSite(sites, change.deleted);
      return { ...state, sites, loaded: true, problem: null, pendingLoad: null, buffered: null };
    }
    case 'loadFailed':
      if (action.load !== state.pendingLoad) return state;
      return { ...state, problem: action.problem, pendingLoad: null, buffered: null };
    case 'siteChanged':
      return {
        ...state,
        sites: mergeSite(state.sites, action.site),
        buffered: state.buffered === null ? null : [...state.buffered, { site: action.site }],
      };
    case 'siteDeleted':
      return {
        ...state,
        sites: dropSite(state.sites, action.id),
        buffered: state.buffered === null ? null : [...state.buffered, { deleted: action.id }],
      };
    case 'detectionChanged':
      return { ...state, detection: action.detection };
    case 'liveOpened':
      return { ...state, live: 'open' };
    case 'livePaused':
      return { ...state, live: 'paused' };
  }
}
