/**
 * A signal that aborts after `ms` or when `parent` aborts, with a `clear()`
 * to call when the work is done. Built on AbortController and a timer this
 * module holds, because in Node 20 a signal from `AbortSignal.timeout()`
 * that only an `AbortSignal.any()` refers to can be garbage-collected and
 * then never fire: seen here as a 1 s router read taking 8 s.
 *
 * @example
 * const limit = timeLimit(2000, ctx.signal);
 * try { await httpRequest({ …, signal: limit.signal }) } finally { limit.clear() }
 */
export function timeLimit(ms: number, parent?: AbortSignal): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ms);
  if (parent?.aborted) abort();
  else parent?.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', abort);
    },
  };
}
