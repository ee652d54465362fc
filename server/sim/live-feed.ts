import { performance } from 'node:perf_hooks';
import type { Site } from '@linewatch/shared';

/** A site change as the board's live feed told it, with when it arrived (performance.now(), ms). */
export interface SiteChange {
  site: Site;
  at: number;
}

export interface LiveFeed {
  /**
   * The next change of `siteId` that satisfies `test`, arriving after this
   * call; null after `timeoutMs`. Register before causing the change.
   */
  next(siteId: string, test: (site: Site) => boolean, timeoutMs: number): Promise<SiteChange | null>;
  close(): void;
}

/**
 * Subscribes to `GET /api/v1/events` (Server-Sent Events, `event: site`,
 * sent right after a site's change is stored) and hands each change to
 * `onChange` and to any waiter. Resolves once the server said hello, so no
 * change made afterwards is missed.
 *
 * @example
 * const feed = await openLiveFeed(url, cookie, () => {});
 * const down = await feed.next(siteId, (s) => s.status === 'down', 30_000);
 */
export async function openLiveFeed(
  baseUrl: string,
  cookie: string,
  onChange: (change: SiteChange) => void,
): Promise<LiveFeed> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`live feed: ${res.status}`);
  const waiters = new Set<{ siteId: string; test: (s: Site) => boolean; resolve: (c: SiteChange) => void }>();
  let hello: () => void = () => {};
  const ready = new Promise<void>((r) => {
    hello = r;
  });

  const dispatch = (event: string, data: string) => {
    if (event === 'hello') hello();
    if (event !== 'site') return;
    const change: SiteChange = { site: JSON.parse(data) as Site, at: performance.now() };
    onChange(change);
    for (const w of [...waiters]) {
      if (w.siteId !== change.site.id || !w.test(change.site)) continue;
      waiters.delete(w);
      w.resolve(change);
    }
  };

  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length > 0 || event === 'hello') dispatch(event, data.join('\n'));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await ready;

  return {
    next(siteId, test, timeoutMs) {
      return new Promise((resolve) => {
        const w = {
          siteId,
          test,
          resolve: (c: SiteChange) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          resolve(null);
        }, timeoutMs);
        waiters.add(w);
      });
    },
    close: () => abort.abort(),
  };
}
