import { type AgentFacts, clockSkewToleranceMs } from '@linewatch/shared';
import type { Db } from './db.js';

interface FactsRow {
  id: string;
  agent_version: string | null;
  hostname: string | null;
  connected: number;
  outbox_backlog: number | null;
  outbox_backlog_at: number | null;
  /** The site's newest sample, if its agent took it. */
  t: number | null;
  agent_t: number | null;
  mono_ms: number | null;
  ntp: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The facts of a site's agent (see {@link AgentFacts}). Clock and uptime
 * come from its newest sample, which the server dated from the agent's
 * monotonic time (`boot-clock.ts`: t = the boot's epoch + monoMs):
 * 1. the machine booted at t − monoMs, on the server's clock;
 * 2. its wall clock is off by agent_t − t: the time it wrote into the
 *    sample minus the time the server worked out for it.
 * One indexed look-up of the newest sample (`measurements_site_t`).
 *
 * @example
 * const facts = agentFactsReader(db);
 * facts(siteId, Date.now())?.clockSynced // true
 */
export function agentFactsReader(db: Db) {
  const q = db.prepare<[string], FactsRow>(
    `SELECT a.id, a.agent_version, a.hostname, a.connected, a.outbox_backlog, a.outbox_backlog_at,
       m.t, m.agent_t, m.mono_ms, json_extract(m.body, '$.clockSynced') AS ntp
     FROM agents a
     LEFT JOIN measurements m ON m.rowid = (
       SELECT rowid FROM measurements WHERE site_id = a.site_id ORDER BY t DESC LIMIT 1
     ) AND m.agent_id = a.id
     WHERE a.site_id = ?`,
  );
  return function agentFacts(siteId: string, now: number): AgentFacts | null {
    const r = q.get(siteId);
    if (!r) return null;
    const connected = r.connected === 1;
    const bootedAt = r.t !== null && r.mono_ms !== null ? r.t - Math.trunc(r.mono_ms) : null;
    const uptimeUntil = connected ? now : r.t;
    const skew = r.t !== null && r.agent_t !== null ? r.agent_t - r.t : null;
    return {
      agentId: r.id,
      version: r.agent_version,
      hostname: r.hostname,
      connected,
      bootedAt: iso(bootedAt),
      uptimeSeconds:
        bootedAt === null || uptimeUntil === null ? null : Math.max(0, (uptimeUntil - bootedAt) / 1000),
      sampledAt: iso(r.t),
      outboxBacklog: r.outbox_backlog,
      outboxBacklogAt: iso(r.outbox_backlog_at),
      clockSkewMs: skew,
      clockSynced: skew === null ? null : Math.abs(skew) < clockSkewToleranceMs,
      ntpSynced: r.ntp === null ? null : r.ntp === 1,
    };
  };
}
