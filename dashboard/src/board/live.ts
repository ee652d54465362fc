import { DetectionState, LiveIncident, Site, SiteDeleted } from '@linewatch/shared';

/**
 * The board's live feed: `GET /api/v1/events` (Server-Sent Events, cookie
 * auth), event `site` with a JSON {@link Site}, `site_deleted` with `{id}`,
 * `detection` with a {@link DetectionState} when the server begins or stops
 * looking cut off, event `incident` with a JSON
 * {@link LiveIncident} (an incident opened, changed or resolved).
 *
 * The browser's `EventSource` reconnects by itself after a network error
 * (readyState CONNECTING). After an HTTP error answer (e.g. a 401 or a 502
 * from a proxy) it gives up (readyState CLOSED); then this module opens a
 * new one after a back-off, and tells the caller so it can check the session.
 * The caller should refetch the list on every `onOpen`: events sent while
 * the feed was down are not replayed.
 */

/** The part of `EventSource` used here, so tests can pass a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/** `EventSource.CLOSED` (HTML Living Standard, 9.2.2). */
const closed = 2;

export interface LiveFeedOptions {
  url: string;
  /** A site changed or was created. */
  onSite(site: Site): void;
  /** A site was deleted. */
  onSiteDeleted?(id: string): void;
  /** The server began or stopped looking cut off itself. */
  onDetection?(state: DetectionState): void;
  /** The feed is (again) connected: refetch to catch up on what was missed. */
  onOpen(): void;
  /** The feed broke; the browser or this module is reconnecting. */
  onPause(): void;
  /** The browser gave up on the feed (HTTP error): worth checking whether the session expired. */
  onGiveUp?(): void;
  /** An event that is not a valid site arrived: the list may be out of date. */
  onInvalid?(): void;
  /** An incident changed; null: an `incident` event that could not be read (refresh them all). */
  onIncident?(event: LiveIncident | null): void;
  createEventSource?(url: string): EventSourceLike;
  /** Waits before reopening after the browser gave up, in ms; the last one repeats. */
  retryDelaysMs?: readonly number[];
  setTimer?(callback: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

export const defaultRetryDelaysMs = [2_000, 5_000, 10_000, 30_000] as const;

export interface LiveFeed {
  close(): void;
}

/**
 * @example
 * const feed = openLiveFeed({ url: '/api/v1/events', onSite, onOpen: refetch, onPause: showBanner });
 * // later
 * feed.close();
 */
export function openLiveFeed(options: LiveFeedOptions): LiveFeed {
  const create = options.createEventSource ?? ((url: string) => new EventSource(url));
  const delays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let failures = 0;
  let paused = false;
  let stopped = false;

  function connect(): void {
    timer = null;
    const current = create(options.url);
    source = current;
    current.addEventListener('open', () => {
      if (stopped || source !== current) return;
      failures = 0;
      paused = false;
      options.onOpen();
    });
    current.addEventListener('error', () => {
      if (stopped || source !== current) return;
      if (!paused) {
        paused = true;
        options.onPause();
      }
      if (current.readyState === closed) {
        current.close();
        source = null;
        const delay = delays[Math.min(failures, delays.length - 1)] ?? 30_000;
        failures += 1;
        timer = setTimer(connect, delay);
        options.onGiveUp?.();
      }
    });
    current.addEventListener('site', (event) => {
      if (stopped || source !== current) return;
      const site = parseSiteEvent(event);
      if (site === null) options.onInvalid?.();
      else options.onSite(site);
    });
    current.addEventListener('site_deleted', (event) => {
      if (stopped || source !== current) return;
      const id = parseSiteDeletedEvent(event);
      if (id === null) options.onInvalid?.();
      else options.onSiteDeleted?.(id);
    });
    current.addEventListener('detection', (event) => {
      if (stopped || source !== current) return;
      const parsed = DetectionState.safeParse(eventJson(event));
      if (parsed.success) options.onDetection?.(parsed.data);
      else options.onInvalid?.();
    });
    current.addEventListener('incident', (event) => {
      if (stopped || source !== current) return;
      options.onIncident?.(parseIncidentEvent(event));
    });
  }

  connect();
  return {
    close() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      source?.close();
      source = null;
    },
  };
}

/** The site in a `site` event, or null if the data is not a valid site. */
export function parseSiteEvent(event: Event): Site | null {
  const parsed = Site.safeParse(eventJson(event));
  return parsed.success ? parsed.data : null;
}

/** The id in a `site_deleted` event, or null if the data is not `{id}`. */
export function parseSiteDeletedEvent(event: Event): string | null {
  const parsed = SiteDeleted.safeParse(eventJson(event));
  return parsed.success ? parsed.data.id : null;
}

/** The change in an `incident` event, or null if the data is not a valid one. */
export function parseIncidentEvent(event: Event): LiveIncident | null {
  const parsed = LiveIncident.safeParse(eventJson(event));
  return parsed.success ? parsed.data : null;
}

/** An event's data as JSON; undefined when it is none. */
function eventJson(event: Event): unknown {
  const data = (event as MessageEvent<unknown>).data;
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
