import type { AgentEvent, Measurement } from '@linewatch/shared';
import { bootClock } from './boot-clock.js';
import type { Db } from './db.js';
import { seriesReader } from './series.js';

/** Where a batch came from. */
export interface Origin {
  orgId: string;
  siteId: string;
  agentId: string;
  receivedAt: number;
}

/** The line figures the API charts, derived once at ingest. */
export interface LineFigures {
  gatewayRttMs: number | null;
  latencyMs: number | null;
  lossPct: number | null;
  jitterMs: number | null;
  /** Median resolution time of the resolvers that answered. */
  dnsMs: number | null;
  syncDownKbps: number | null;
  syncUpKbps: number | null;
  snrDownDb: number | null;
  snrUpDb: number | null;
  attenDownDb: number | null;
  attenUpDb: number | null;
  /** The router's CRC error counter since the last sync. */
  crcErrors: number | null;
}

/**
 * @example summarise(round).dnsMs // 24.5
 */
export function summarise(m: Measurement): LineFigures {
  const answered = m.targets.flatMap((t) => (t.rttMs ? [t.rttMs.median] : []));
  const sent = m.targets.reduce((n, t) => n + t.sent, 0);
  const received = m.targets.reduce((n, t) => n + t.received, 0);
  const jitters = m.targets.flatMap((t) => (t.jitterMs === null ? [] : [t.jitterMs]));
  const resolved = (m.dns ?? []).flatMap((d) => (d.ok && d.timeMs !== null ? [d.timeMs] : []));
  const dsl = m.router?.dsl ?? null;
  // A line out of sync has no rates or margins worth charting (the router reports 0).
  const synced = dsl !== null && dsl.status === 'Up';
  return {
    gatewayRttMs: m.gateway.rttMs,
    latencyMs: median(answered),
    lossPct: sent > 0 ? ((sent - received) * 100) / sent : null,
    jitterMs: jitters.length ? jitters.reduce((a, b) => a + b, 0) / jitters.length : null,
    dnsMs: median(resolved),
    syncDownKbps: synced ? dsl.downCurrentKbps : null,
    syncUpKbps: synced ? dsl.upCurrentKbps : null,
    snrDownDb: synced ? dsl.downSnrMarginDb : null,
    snrUpDb: synced ? dsl.upSnrMarginDb : null,
    attenDownDb: synced ? dsl.downAttenuationDb : null,
    attenUpDb: synced ? dsl.upAttenuationDb : null,
    crcErrors: dsl?.crcErrors ?? null,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Measurements and agent events, idempotent by (agent, boot id, seq). */
export function measurementsRepo(db: Db) {
  const clock = bootClock(db);
  /** The boot epochs of a batch on the server's clock, one per boot id in it. */
  const epochs = (o: Origin, items: readonly { bootId: string; monoMs: number }[]) => {
    const best = new Map<string, number>();
    for (const i of items)
      best.set(i.bootId, Math.min(best.get(i.bootId) ?? Infinity, o.receivedAt - i.monoMs));
    return new Map(
      [...best].map(([bootId, candidate]) => [bootId, clock.epoch(o.agentId, bootId, candidate)]),
    );
  };
  const q = {
    insert:
      db.prepare(`INSERT OR IGNORE INTO measurements (org_id, site_id, agent_id, boot_id, seq, t, received_at,
      gateway_rtt_ms, latency_ms, loss_pct, jitter_ms, dns_ms, sync_down_kbps, sync_up_kbps, snr_down_db, snr_up_db,
      atten_down_db, atten_up_db, crc_errors, diag_status, diag_cause, body, agent_t, mono_ms)
      VALUES (@orgId, @siteId, @agentId, @bootId, @seq, @t, @receivedAt, @gatewayRttMs, @latencyMs, @lossPct, @jitterMs,
      @dnsMs, @syncDownKbps, @syncUpKbps, @snrDownDb, @snrUpDb, @attenDownDb, @attenUpDb, @crcErrors,
      @diagStatus, @diagCause, @body, @agentT, @monoMs)`),
    insertEvent:
      db.prepare(`INSERT OR IGNORE INTO agent_events (org_id, site_id, agent_id, boot_id, seq, t, received_at, kind, data,
      agent_t, mono_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    latest: db.prepare<[string], { body: string; received_at: number; t: number }>(
      'SELECT body, received_at, t FROM measurements WHERE site_id = ? ORDER BY t DESC LIMIT 1',
    ),
  };
  /** Writes a batch; the caller holds the transaction. */
  function writeBatch(o: Origin, items: Measurement[]): { inserted: number; newestT: number } {
    let inserted = 0;
    let newestT = Number.NEGATIVE_INFINITY;
    const epoch = epochs(o, items);
    for (const m of items) {
      const s = summarise(m);
      const t = (epoch.get(m.bootId) as number) + Math.trunc(m.monoMs);
      newestT = Math.max(newestT, t);
      inserted += q.insert.run({
        ...o,
        bootId: m.bootId,
        seq: m.seq,
        t,
        ...s,
        diagStatus: m.diagnosis.status,
        diagCause: m.diagnosis.cause,
        body: JSON.stringify(m),
        agentT: Date.parse(m.t),
        monoMs: m.monoMs,
      }).changes;
    }
    return { inserted, newestT };
  }
  /** Writes events; the caller holds the transaction. */
  function writeEvents(o: Origin, items: AgentEvent[]): number {
    let inserted = 0;
    const epoch = epochs(o, items);
    for (const e of items) {
      inserted += q.insertEvent.run(
        o.orgId,
        o.siteId,
        o.agentId,
        e.bootId,
        e.seq,
        (epoch.get(e.bootId) as number) + Math.trunc(e.monoMs),
        o.receivedAt,
        e.kind,
        JSON.stringify(e.data),
        Date.parse(e.t),
        e.monoMs,
      ).changes;
    }
    return inserted;
  }
  return {
    /**
     * Stores a batch in one transaction. Returns how many were new; a
     * duplicate (same agent, boot, seq) is ignored, so a re-sent batch
     * stores once.
     */
    insertBatch: db.transaction(writeBatch),
    insertEvents: db.transaction(writeEvents),
    /**
     * {@link insertBatch} and {@link insertEvents} without their own
     * transaction, for a caller that commits many batches in one (ingest).
     */
    writeBatch,
    writeEvents,
    /**
     * The newest stored probe round of a site by server-corrected time `t`
     * (never the agent's clock), as the agent sent it, and when it arrived.
     */
    latest(siteId: string): { measurement: Measurement; receivedAt: number; t: number } | undefined {
      const row = q.latest.get(siteId);
      return (
        row && { measurement: JSON.parse(row.body) as Measurement, receivedAt: row.received_at, t: row.t }
      );
    },
    /**
     * A site's line figures between `from` and `to`, oldest first, never
     * more than `maxPoints`: raw samples when they fit, else 1-minute,
     * 1-hour or several-hour buckets (see {@link seriesReader}).
     *
     * @example
     * store.measurements.series(siteId, Date.now() - 86_400_000, Date.now(), 500) // { resolution: '1h', … }
     */
    series: seriesReader(db),
  };
}
export type MeasurementsRepo = ReturnType<typeof measurementsRepo>;
