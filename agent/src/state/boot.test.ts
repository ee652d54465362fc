import { describe, expect, it } from 'vitest';
import {
  procBootId,
  procUptime,
  readKernelBootId,
  readUptimeMs,
  resolveBootId,
  systemClock,
  timesyncMarker,
} from './boot.js';
import { memoryStateStore } from './state-file.js';

const files = (map: Record<string, string>) => (path: string) => {
  const text = map[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

describe('readKernelBootId', () => {
  it('reads and trims the kernel boot id', () => {
    const read = files({ [procBootId]: '3F1C2B9A-1111-4222-8333-444455556666\n' });
    expect(readKernelBootId(read)).toBe('3f1c2b9a-1111-4222-8333-444455556666');
  });

  it('is null without /proc or with garbage', () => {
    expect(readKernelBootId(files({}))).toBeNull();
    expect(readKernelBootId(files({ [procBootId]: 'nope' }))).toBeNull();
  });
});

describe('resolveBootId', () => {
  it('prefers the kernel boot id and writes nothing', () => {
    const store = memoryStateStore();
    expect(resolveBootId('3f1c2b9a-1111-4222-8333-444455556666', store)).toBe(
      '3f1c2b9a-1111-4222-8333-444455556666',
    );
    expect(store.state).toBeNull();
  });

  it('persists a random fallback and keeps using it', () => {
    const store = memoryStateStore();
    const first = resolveBootId(null, store);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.state?.fallbackBootId).toBe(first);
    expect(resolveBootId(null, store)).toBe(first);
  });
});

describe('readUptimeMs', () => {
  it('reads /proc/uptime', () => {
    expect(readUptimeMs(files({ [procUptime]: '8640.25 17000.10\n' }))).toBe(8_640_250);
  });

  it('falls back to os.uptime()', () => {
    expect(readUptimeMs(files({}))).toBeGreaterThan(0);
  });
});

describe('systemClock', () => {
  it('counts monotonic time from the uptime at start', () => {
    const clock = systemClock({ readText: files({ [procUptime]: '100.5 0' }), fileExists: () => false });
    const a = clock.monoMs();
    const b = clock.monoMs();
    expect(a).toBeGreaterThanOrEqual(100_500);
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Date.now() - clock.bootedAt.getTime()).toBeGreaterThanOrEqual(100_500);
  });

  it('reports a synchronised clock only when timesyncd says so', () => {
    const seen: string[] = [];
    const synced = systemClock({
      readText: files({}),
      fileExists: (p) => {
        seen.push(p);
        return true;
      },
    });
    expect(synced.clockSynced()).toBe(true);
    expect(seen).toEqual([timesyncMarker]);
    expect(systemClock({ readText: files({}), fileExists: () => false }).clockSynced()).toBe(false);
  });
});
