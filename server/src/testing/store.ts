import { randomUUID } from 'node:crypto';
import type { Measurement } from '@linewatch/shared';
import { createStore, openDb, type Store } from '../store/index.js';
import { sampleMeasurement } from './samples.js';

/** The line figures a test wants a sample to carry; `null` = not measured. */
export interface Figures {
  gatewayRttMs?: number | null;
  latencyMs?: number | null;
  lossPct?: number;
  jitterMs?: number | null;
  /** A DNS probe answering in this time. */
  dnsMs?: number;
  /** The router's DSL view: in sync at these rates and margins, with this CRC counter. */
  dsl?:
    | {
        downKbps: number;
        upKbps: number;
        snrDownDb: number;
        snrUpDb: number;
        crcErrors: number | null;
        attenDownDb?: number;
        attenUpDb?: number;
      }
    | 'lost';
}

function dslOf(f: NonNullable<Figures['dsl']>): NonNullable<NonNullable<Measurement['router']>['dsl']> {
  const lost = f === 'lost';
  return {
    status: lost ? 'NoSignal' : 'Up',
    downCurrentKbps: lost ? 0 : f.downKbps,
    upCurrentKbps: lost ? 0 : f.upKbps,
    downMaxKbps: null,
    upMaxKbps: null,
    downSnrMarginDb: lost ? 0 : f.snrDownDb,
    upSnrMarginDb: lost ? 0 : f.snrUpDb,
    downAttenuationDb: lost ? null : (f.attenDownDb ?? null),
    upAttenuationDb: lost ? null : (f.attenUpDb ?? null),
    crcErrors: lost ? 0 : f.crcErrors,
    fecErrors: null,
    linkRetrains: null,
    erroredSeconds: null,
    severelyErroredSeconds: null,
  };
}

/** A probe round at `t` whose summarised figures are exactly `f`. */
export function measurementAt(bootId: string, seq: number, t: number, f: Figures = {}): Measurement {
  const m = sampleMeasurement(bootId, seq, new Date(t));
  const target = m.targets[0] as Measurement['targets'][number];
  const latency = f.latencyMs === undefined ? 12 : f.latencyMs;
  const lost = f.lossPct === undefined ? 0 : f.lossPct;
  return {
    ...m,
    // A box that booted at the epoch: its monotonic time is the wall time, so the server dates it at `t`.
    monoMs: t,
    gateway: { ...m.gateway, rttMs: f.gatewayRttMs === undefined ? 0.4 : f.gatewayRttMs },
    targets: [
      {
        ...target,
        sent: 100,
        received: 100 - lost,
        lossPct: lost,
        rttMs: latency === null ? null : { min: latency, median: latency, avg: latency, max: latency },
        jitterMs: f.jitterMs === undefined ? 1.5 : f.jitterMs,
      },
    ],
    ...(f.dnsMs === undefined
      ? {}
      : {
          dns: [
            {
              kind: 'dns',
              resolver: '192.168.178.1',
              name: 'example.de',
              ok: true,
              timeMs: f.dnsMs,
              answers: 1,
              error: null,
            },
          ],
        }),
    ...(f.dsl === undefined
      ? {}
      : {
          router: {
            address: '192.168.178.1',
            protocol: 'tr064',
            model: 'FRITZ!Box 7590',
            firmware: '7.57',
            uptimeSeconds: 3600,
            wan: null,
            dsl: dslOf(f.dsl),
            log: [],
            findings: [],
          },
        }),
  };
}

/** A store (in memory unless `path` is given) with one org and one site, and a way to add samples through the real repo. */
export function storeWithSite(path = ':memory:'): {
  store: Store;
  orgId: string;
  siteId: string;
  add(samples: { t: number; f?: Figures }[], receivedAt?: number): number;
} {
  const store = createStore(openDb(path));
  const orgId = store.users.defaultOrgId(0);
  const site = store.sites.create(
    orgId,
    {
      name: 'Bäckerei Schmidt',
      customer: 'Anna Schmidt',
      address: 'Hauptstraße 1, 10115 Berlin',
      carrier: 'Telekom',
      accessType: 'dsl',
      contract: { downMbps: 100, upMbps: 40 },
      business: false,
    },
    0,
  );
  const bootId = randomUUID();
  let seq = 0;
  return {
    store,
    orgId,
    siteId: site.id,
    add(samples, receivedAt) {
      const items = samples.map((s) => measurementAt(bootId, ++seq, s.t, s.f));
      // Received live (as soon as the newest was taken) unless a later arrival is given.
      const at = receivedAt ?? Math.max(...samples.map((s) => s.t));
      return store.measurements.insertBatch(
        { orgId, siteId: site.id, agentId: 'agent-1', receivedAt: at },
        items,
      ).inserted;
    },
  };
}
