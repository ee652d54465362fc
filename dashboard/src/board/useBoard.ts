import type { LiveIncident, Site } from '@linewatch/shared';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { type ApiClient, apiBase } from '../api/client';
import { ApiRequestError } from '../api/errors';
import { boardReducer, initialBoardState } from './boardState';
import { openLiveFeed } from './live';

/** How long to wait for the live feed before loading the list anyway, in ms. */
const firstLoadFallbackMs = 1_500;
/** Least time between refetches caused by malformed live events, in ms. */
const invalidEventRefetchMs = 10_000;

/**
 * The board's sites: loaded from `GET /sites`, kept current by the live feed.
 *
 * 1. Open the live feed first; load the list when it opens (so no change
 *    falls between the snapshot and the first event), or after a short
 *    fallback if it is slow or failing.
 * 2. Merge every `site` event by id.
 * 3. On every reopen, load again: events sent while the feed was down are lost.
 * 4. When the browser gives up on the feed (an HTTP error), ask `/auth/me`:
 *    a 401 there sends the user to the login screen.
 * 5. Incident changes go to `onIncident`; on every (re)open it is called with
 *    null, as incident changes may have been missed too.
 */
export function useBoard(api: ApiClient, onIncident?: (event: LiveIncident | null) => void) {
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  const loads = useRef(0);
  // A ref, so a new callback does not reopen the feed.
  const incidentListener = useRef(onIncident);
  incidentListener.current = onIncident;

  const load = useCallback(() => {
    loads.current += 1;
    const id = loads.current;
    dispatch({ type: 'loadStarted', load: id });
    api.listSites().then(
      (sites) => dispatch({ type: 'loaded', load: id, sites }),
      (error: unknown) => {
        if (!(error instanceof ApiRequestError)) throw error;
        dispatch({ type: 'loadFailed', load: id, problem: error.problem });
      },
    );
  }, [api]);

  useEffect(() => {
    let loadedOnce = false;
    let lastInvalidRefetch = 0;
    const loadIfNeverLoaded = () => {
      if (loadedOnce) return;
      loadedOnce = true;
      load();
    };
    const fallback = setTimeout(loadIfNeverLoaded, firstLoadFallbackMs);
    const feed = openLiveFeed({
      url: `${apiBase}/events`,
      onSite: (site) => dispatch({ type: 'siteChanged', site }),
      onSiteDeleted: (id) => dispatch({ type: 'siteDeleted', id }),
      onDetection: (detection) => dispatch({ type: 'detectionChanged', detection }),
      onOpen: () => {
        dispatch({ type: 'liveOpened' });
        loadedOnce = true;
        load();
        // Changes while the feed was down are not replayed: ask once on every (re)open.
        api.detection().then(
          (detection) => dispatch({ type: 'detectionChanged', detection }),
          () => undefined,
        );
        incidentListener.current?.(null);
      },
      onIncident: (event) => incidentListener.current?.(event),
      onPause: () => {
        dispatch({ type: 'livePaused' });
        loadIfNeverLoaded();
      },
      onGiveUp: () => {
        // Only the 401 matters (the client's listener handles it); other failures are shown by the banner.
        api.me().catch(() => undefined);
      },
      onInvalid: () => {
        const now = Date.now();
        if (now - lastInvalidRefetch < invalidEventRefetchMs) return;
        lastInvalidRefetch = now;
        load();
      },
    });
    return () => {
      clearTimeout(fallback);
      feed.close();
    };
  }, [api, load]);

  /** Shows a site the user just created, before its live event arrives. */
  const showSite = useCallback((site: Site) => dispatch({ type: 'siteChanged', site }), []);

  return { state, reload: load, showSite };
}
