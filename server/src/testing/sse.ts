/** One Server-Sent Event as read from a stream. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Reads `GET <url>` as a Server-Sent Events stream (WHATWG HTML 9.2.6:
 * `event:` and `data:` lines, a blank line ends an event) and resolves
 * once the first event (the server's `hello`) has arrived.
 *
 * @example
 * const feed = await readSse(`${server.url}/api/v1/events`, server.cookie);
 * const e = await feed.next((e) => e.event === 'incident');
 * feed.close();
 */
export async function readSse(url: string, cookie: string) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`event stream: ${res.status}`);
  const seen: SseEvent[] = [];
  const waiters = new Set<() => void>();
  /** Resolves when the server ends the stream (or it is closed here). */
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event =
            lines
              .find((l) => l.startsWith('event:'))
              ?.slice(6)
              .trim() ?? 'message';
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
          if (data.length === 0) continue; // a comment (heartbeat)
          seen.push({ event, data: data.join('\n') });
          for (const w of [...waiters]) w();
        }
      }
    } catch {
      // closed
    }
  })();
  let read = 0;
  /** The next unread event matching `test`, skipping the others; rejects after `timeoutMs`. */
  const next = (test: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> =>
    new Promise((resolve, reject) => {
      const look = () => {
        while (read < seen.length) {
          const e = seen[read++] as SseEvent;
          if (!test(e)) continue;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(e);
          return;
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(look);
        reject(
          new Error(`no matching event within ${timeoutMs} ms; seen: ${seen.map((e) => e.event).join(', ')}`),
        );
      }, timeoutMs);
      waiters.add(look);
      look();
    });
  await next((e) => e.event === 'hello');
  return { next, ended, close: () => abort.abort() };
}
