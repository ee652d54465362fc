import { describe, expect, it } from 'vitest';
import { timeLimit } from './deadline.js';

describe('timeLimit', () => {
  it('aborts after the time', async () => {
    const limit = timeLimit(20);
    await new Promise((resolve) => limit.signal.addEventListener('abort', resolve));
    expect(limit.signal.aborted).toBe(true);
  });

  it('follows its parent, also one aborted already', () => {
    const parent = new AbortController();
    const limit = timeLimit(10_000, parent.signal);
    parent.abort();
    expect(limit.signal.aborted).toBe(true);
    limit.clear();
    expect(timeLimit(10_000, AbortSignal.abort()).signal.aborted).toBe(true);
  });

  it('stays quiet once cleared', async () => {
    const parent = new AbortController();
    const limit = timeLimit(10, parent.signal);
    limit.clear();
    parent.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(limit.signal.aborted).toBe(false);
  });
});
