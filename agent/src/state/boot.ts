import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { uptime } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { StateStore } from './state-file.js';

/** Linux's random id of the current boot: a new one means the box was restarted. */
export const procBootId = '/proc/sys/kernel/random/boot_id';
/** Seconds since boot (first field), CLOCK_BOOTTIME. */
export const procUptime = '/proc/uptime';
/**
 * Created by systemd-timesyncd once the clock is synchronised, removed when
 * it is not. Machines using chrony or ntpd have no such marker and report
 * "not synchronised": without adjtimex(2) (no binding in Node) the agent
 * cannot tell, and saying false when unsure only makes the server trust its
 * own receive time instead, which is the safe side.
 */
export const timesyncMarker = '/run/systemd/timesync/synchronized';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The file reads the boot facts need. Injectable for tests. */
export interface BootSources {
  readText?: (path: string) => string;
  fileExists?: (path: string) => boolean;
}

const readText = (path: string) => readFileSync(path, 'utf8');

/** The kernel's boot id, or null where there is none (not Linux, no /proc). */
export function readKernelBootId(read: (path: string) => string = readText): string | null {
  try {
    const id = read(procBootId).trim().toLowerCase();
    return uuidPattern.test(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * The boot id samples carry: the kernel's, or else a random one kept in the
 * state file. The fallback then never changes, which is safe: the sequence
 * numbers of one boot id never repeat, across reboots too.
 */
export function resolveBootId(kernel: string | null, store: StateStore): string {
  if (kernel) return kernel;
  const { state } = store.read();
  if (state?.fallbackBootId) return state.fallbackBootId;
  const fallbackBootId = randomUUID();
  // Keep the old reservation: it belongs to this fallback id if it was one.
  store.write({
    bootId: state?.bootId ?? fallbackBootId,
    seqReservedUntil: state?.seqReservedUntil ?? 0,
    fallbackBootId,
  });
  return fallbackBootId;
}

/** Milliseconds since boot from /proc/uptime, else from `os.uptime()` (whole seconds). */
export function readUptimeMs(read: (path: string) => string = readText): number {
  try {
    const seconds = Number.parseFloat(read(procUptime).split(' ')[0] ?? '');
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  } catch {
    // Not Linux: fall through.
  }
  return uptime() * 1000;
}

/** Time as samples need it. */
export interface SampleClock {
  /** Wall-clock ms since the epoch (may be wrong before NTP sync). */
  wallMs(): number;
  /** Monotonic ms since the machine booted; never jumps with the wall clock. */
  monoMs(): number;
  /** Whether the wall clock is known to be synchronised. */
  clockSynced(): boolean;
  /** When the machine booted, by the wall clock at agent start. */
  bootedAt: Date;
}

/**
 * The system's sample clock. Uptime is read once at start; from then on
 * `performance.now()` (monotonic) advances it, so `monoMs` costs no file
 * read and never goes backwards.
 *
 * @example
 * const clock = systemClock();
 * clock.monoMs() // 8_640_012.5 on a box up for 2.4 hours
 */
export function systemClock(sources: BootSources = {}): SampleClock {
  const read = sources.readText ?? readText;
  const exists = sources.fileExists ?? existsSync;
  const uptimeAtStart = readUptimeMs(read);
  const perfAtStart = performance.now();
  const wallAtStart = Date.now();
  return {
    wallMs: () => Date.now(),
    monoMs: () => uptimeAtStart + (performance.now() - perfAtStart),
    clockSynced: () => exists(timesyncMarker),
    bootedAt: new Date(wallAtStart - uptimeAtStart),
  };
}
