import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One reading of a process from /proc (Linux). */
export interface ProcReading {
  /** Monotonic ms when read. */
  atMs: number;
  /** Resident set size now, and its high-water mark (VmHWM), in kB. */
  rssKb: number;
  hwmKb: number;
  /** The anonymous (heap, stacks) and file-backed (the node binary's pages) parts of the RSS, in kB. */
  rssAnonKb: number;
  rssFileKb: number;
  /** CPU seconds of the process itself (utime + stime). */
  cpuSeconds: number;
  /** CPU seconds of its children that have exited and been waited for (cutime + cstime: `ping`). */
  childCpuSeconds: number;
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of the times in /proc/<pid>/stat (100 on every Linux we know). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/**
 * Reads /proc/<pid>/status and /proc/<pid>/stat. In `stat` the command name
 * (field 2) is in parentheses and may hold spaces, so fields are counted
 * after the last `)`: utime, stime, cutime, cstime are fields 14–17 (proc(5)).
 *
 * @throws when the process is gone.
 */
export function readProc(pid: number, nowMs: number): ProcReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const ticks = (n: number) => Number(fields[n - 3]);
  const hz = clockTicks();
  return {
    atMs: nowMs,
    rssKb: statusKb(status, 'VmRSS'),
    hwmKb: statusKb(status, 'VmHWM'),
    rssAnonKb: statusKb(status, 'RssAnon'),
    rssFileKb: statusKb(status, 'RssFile'),
    cpuSeconds: (ticks(14) + ticks(15)) / hz,
    childCpuSeconds: (ticks(16) + ticks(17)) / hz,
  };
}

/** Megabytes (10^6 bytes, as the budget is stated) from kB (KiB in /proc). */
export const mb = (kb: number) => (kb * 1024) / 1e6;

/** Share of one core between two readings, in percent. */
export function cpuPercent(from: ProcReading, to: ProcReading, withChildren: boolean): number {
  const seconds = (to.atMs - from.atMs) / 1000;
  if (seconds <= 0) return 0;
  const used =
    to.cpuSeconds - from.cpuSeconds + (withChildren ? to.childCpuSeconds - from.childCpuSeconds : 0);
  return (100 * used) / seconds;
}
