/**
 * Bounds how many expensive operations (password hashes: 128 MiB and
 * ~0.3 s each) run at once, and how many may wait. Beyond that, callers
 * are turned away rather than letting a login flood exhaust memory.
 *
 * @example
 * const limit = createLimiter(2, 20);
 * const ok = await limit.run(() => verifyPassword(pw, hash)); // undefined when full
 */
export function createLimiter(concurrency: number, maxQueued: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
      if (active >= concurrency) {
        if (queue.length >= maxQueued) return undefined;
        await new Promise<void>((resolve) => queue.push(resolve));
      }
      active++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
