import type { IcmpProbeResult, PingRtt } from '@linewatch/shared';
import { jitter, lossPct, percentile, roundMs, rttStats, stdDevPopulation } from './rtt-stats.js';

/** One echo reply line: its sequence number and round-trip time. */
export interface PingReply {
  seq: number;
  rttMs: number;
}

/** What `ping -n` printed, taken apart line by line. Nothing is computed yet. */
export interface PingTranscript {
  /** First replies to each sequence number, in the order they arrived. */
  replies: PingReply[];
  /** Replies marked `(DUP!)`: a second answer to a sequence number already answered. */
  duplicates: PingReply[];
  /** ICMP error lines, e.g. `From 192.168.178.20 icmp_seq=1 Destination Host Unreachable`. */
  errorLines: string[];
  /** The `N packets transmitted, …` line; null when ping died before printing it. */
  summary: { sent: number; received: number; duplicates: number; errors: number } | null;
  /** The `rtt min/avg/max/mdev` (iputils) or `round-trip min/avg/max` (BusyBox) line; absent with 0 replies. */
  rtt: { min: number; avg: number; max: number; mdev: number | null } | null;
  /** `ping: …` messages (stderr): unknown host, permission denied, network unreachable, … */
  failures: string[];
}

// iputils `64 bytes from 192.168.178.1: icmp_seq=1 ttl=64 time=0.512 ms`, IPv6 `from ::1: icmp_seq=…`,
// BusyBox `64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.046 ms`; `(DUP!)` marks a duplicate.
const replyLine = /^\d+ bytes from .+?: (?:icmp_)?seq=(\d+) .*?time[=<]([\d.]+) ?ms(.*)$/;
// iputils prints ICMP errors as `From <addr> icmp_seq=<n> <text>` (ping4_common / ping6_common).
const errorLine = /^From .+? icmp_seq=\d+ (.+)$/;
const rttLine =
  /^(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ms/;

/**
 * Takes apart the output of iputils or BusyBox `ping -n`, run with `LC_ALL=C`
 * (stdout and stderr may be passed together). Pure; unknown lines
 * (`PING …`, warnings, `pipe 3`) are ignored.
 *
 * @example
 * parsePing('64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.512 ms\n').replies // [{ seq: 1, rttMs: 0.512 }]
 */
export function parsePing(output: string): PingTranscript {
  const t: PingTranscript = {
    replies: [],
    duplicates: [],
    errorLines: [],
    summary: null,
    rtt: null,
    failures: [],
  };
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    const reply = replyLine.exec(line);
    if (reply) {
      const entry = { seq: Number(reply[1]), rttMs: Number(reply[2]) };
      if (!Number.isFinite(entry.rttMs)) continue;
      (reply[3]?.includes('DUP!') ? t.duplicates : t.replies).push(entry);
      continue;
    }
    const error = errorLine.exec(line);
    if (error) t.errorLines.push(line);
    else if (/^\d+ packets transmitted/.test(line)) t.summary = parseSummary(line);
    else if (line.startsWith('ping: ')) t.failures.push(line.slice('ping: '.length));
    else {
      const rtt = rttLine.exec(line);
      if (rtt)
        t.rtt = {
          min: Number(rtt[1]),
          avg: Number(rtt[2]),
          max: Number(rtt[3]),
          mdev: rtt[4] ? Number(rtt[4]) : null,
        };
    }
  }
  return t;
}

/**
 * Reads the comma-separated summary field by field, as iputils (`ping_common.c`
 * finish) and BusyBox print them in different orders and wordings:
 * `5 packets transmitted, 5 received, +1 duplicates, +2 errors, 0% packet loss, time 4006ms`,
 * `5 packets transmitted, 5 packets received, 1 duplicates, 0% packet loss`.
 * Loss is recomputed from the counts, so its format (`%d`, `%g`) does not matter.
 */
function parseSummary(line: string): PingTranscript['summary'] {
  const summary = { sent: 0, received: 0, duplicates: 0, errors: 0 };
  for (const part of line.split(',')) {
    const m = /^\+?(\d+) (packets transmitted|packets received|received|duplicates|errors)$/.exec(
      part.trim(),
    );
    if (!m) continue;
    const n = Number(m[1]);
    if (m[2] === 'packets transmitted') summary.sent = n;
    else if (m[2] === 'duplicates') summary.duplicates = n;
    else if (m[2] === 'errors') summary.errors = n;
    else summary.received = n;
  }
  return summary;
}

/** How one `ping` run ended. */
export interface PingRun {
  stdout: string;
  stderr?: string;
  /** null when ping was killed by a signal. */
  exitCode: number | null;
  /** Packets asked for (`-c`): taken as sent when ping was cut off before its summary. */
  count?: number;
}

/**
 * Turns a ping run into the shared {@link IcmpProbeResult}:
 * 1. sent, received, duplicates and errors come from the summary line;
 *    loss % = (sent − received) × 100 / sent (iputils, RIPE Atlas);
 * 2. min / median / avg / max / p90 (nearest rank) over the first replies only,
 *    duplicates excluded (RIPE Atlas, SmokePing's median);
 * 3. mdev is the value ping printed; else (BusyBox, no summary) computed as
 *    iputils does: the population standard deviation over replies and
 *    duplicates (n = received + dups);
 * 4. jitter = mean |rttᵢ − rttᵢ₋₁| over replies in sequence order (RFC 3393-like);
 * 5. without a summary, exit code 2, `ping: …` messages or nothing usable set `error`.
 *
 * @example
 * icmpResultFromPing('10.0.0.1', { stdout, exitCode: 0 })
 * // { kind: 'icmp', target: '10.0.0.1', sent: 5, received: 5, lossPct: 0, rttMs: { min: 0.41, …, p90: 0.51 }, mdevMs: 0.05, jitterMs: 0.03, error: null, … }
 */
export function icmpResultFromPing(target: string, run: PingRun): IcmpProbeResult {
  const t = parsePing(`${run.stdout}\n${run.stderr ?? ''}`);
  const replies = [...t.replies].sort((a, b) => a.seq - b.seq).map((r) => r.rttMs);
  const all = [...replies, ...t.duplicates.map((d) => d.rttMs)];
  const mdev = t.rtt?.mdev ?? stdDevPopulation(all);
  const figures = {
    rttMs: pingRtt(replies),
    mdevMs: mdev === null ? null : roundMs(mdev),
    jitterMs: jitter(replies),
  };
  const base = { kind: 'icmp' as const, target: target.slice(0, 300) };
  if (t.summary) {
    const { sent, received, duplicates, errors } = t.summary;
    return {
      ...base,
      sent,
      received,
      duplicates,
      errors,
      lossPct: lossPct(sent, received),
      ...figures,
      error: null,
    };
  }
  // Cut off after sending (replies or errors printed): the packets asked for count as sent.
  const ran = replies.length > 0 || t.errorLines.length > 0;
  const sent = ran ? Math.max(run.count ?? 0, replies.length) : 0;
  const counts = {
    sent,
    received: replies.length,
    duplicates: t.duplicates.length,
    errors: t.errorLines.length,
  };
  return {
    ...base,
    ...counts,
    lossPct: sent === 0 ? 100 : lossPct(sent, replies.length),
    ...figures,
    error: failureText(t, run).slice(0, 500),
  };
}

/** Why a run without a summary gave no (complete) figures. */
function failureText(t: PingTranscript, run: PingRun): string {
  if (t.failures.length > 0) return t.failures.join('; ');
  if (run.exitCode === 2) return `ping failed (exit code 2)${firstLine(run.stderr)}`;
  if (t.replies.length > 0 || t.errorLines.length > 0) return 'ping ended before its summary';
  return `unparsable ping output (exit code ${run.exitCode ?? 'none'})${firstLine(run.stderr ?? run.stdout)}`;
}

function firstLine(text: string | undefined): string {
  const line = text?.trim().split('\n')[0]?.trim();
  return line ? `: ${line.slice(0, 200)}` : '';
}

/**
 * The shared {@link PingRtt} figures over some replies, rounded to 0.01 ms;
 * null for none.
 *
 * @example
 * pingRtt([0.4, 0.5, 0.6]) // { min: 0.4, median: 0.5, avg: 0.5, max: 0.6, p90: 0.6 }
 */
export function pingRtt(rtts: readonly number[]): PingRtt | null {
  const stats = rttStats(rtts);
  if (stats === null) return null;
  return { ...stats, p90: roundMs(percentile(rtts, 90) as number) };
}
