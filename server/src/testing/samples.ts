import { randomUUID } from 'node:crypto';
import type { AgentStatusMessage, Measurement, MeasurementBatch } from '@linewatch/shared';

/** A plausible healthy probe round. */
export function sampleMeasurement(bootId: string, seq: number, t = new Date()): Measurement {
  return {
    bootId,
    seq,
    t: t.toISOString(),
    monoMs: 1000 * seq,
    clockSynced: true,
    gateway: { address: '127.0.0.1', interface: 'lo', reachable: true, rttMs: 0.4, error: null },
    targets: [
      {
        kind: 'tcp',
        target: '127.0.0.1:443',
        sent: 3,
        received: 3,
        lossPct: 0,
        rttMs: { min: 11, median: 12, avg: 12.3, max: 14 },
        jitterMs: 1.5,
        error: null,
      },
    ],
    diagnosis: { status: 'up', cause: null },
  };
}

export function sampleBatch(bootId: string, seqs: number[]): MeasurementBatch {
  return { v: 1, type: 'measurements', items: seqs.map((s) => sampleMeasurement(bootId, s)) };
}

export function sampleStatus(
  bootId = randomUUID(),
  state: 'online' | 'offline' = 'online',
): AgentStatusMessage {
  return {
    v: 1,
    type: 'status',
    state,
    reason: state === 'online' ? 'connected' : 'connection_lost',
    at: new Date().toISOString(),
    bootId,
    agentVersion: '0.1.0',
    bootedAt: new Date(Date.now() - 3600_000).toISOString(),
    keepaliveSeconds: 2,
    intervalSeconds: 1,
  };
}
