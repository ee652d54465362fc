import type { RouterLogEntry, RouterStatus } from '@linewatch/shared';
import { berlinIso } from './clock-text.js';
import type { LineProfile } from './fleet-plan.js';
import { between, gauss, intBetween, type Random } from './random.js';

/**
 * What the scenario does to a line right now.
 * - `ok`: healthy, or slowly wearing (`wear`);
 * - `sync_lost`: the router answers but its DSL/cable/fibre link is down;
 * - `backbone_down`: the link and the session are up, the carrier's network beyond is not;
 * - `degraded`: `severity` 0–1; a DSL line retrains at a lower rate with a
 *   falling SNR margin and CRC errors, other lines lose packets.
 */
export type LineCondition =
  /** `wear` 0–1: the early signs of a failing line, a falling SNR margin and rising CRC errors, still below every threshold. */
  | { kind: 'ok'; wear?: number }
  | { kind: 'sync_lost' }
  | { kind: 'backbone_down' }
  | { kind: 'degraded'; severity: number };

/** The line and its router as they evolve; pure data, advanced by {@link advanceLine}. */
export interface LineState {
  routerBootedAt: number;
  /** When the current sync (and internet session) began; null while the link is down. */
  syncedAt: number | null;
  /** Whether the line currently runs at its degraded rate. */
  degraded: boolean;
  downKbps: number;
  upKbps: number;
  /** The line's healthy SNR margins, dB. */
  baseSnrDownDb: number;
  baseSnrUpDb: number;
  /** Counters since the last sync (TR-064 GetStatisticsTotal) and resyncs since the router's boot. */
  crcErrors: number;
  fecErrors: number;
  erroredSeconds: number;
  severelyErroredSeconds: number;
  retrains: number;
  bytesReceived: number;
  bytesSent: number;
  externalIp: string;
  /** Newest first, at most 20. */
  log: RouterLogEntry[];
  /** When the state was last advanced, ms. */
  at: number;
}

/** A healthy line whose router booted `uptimeMs` ago and has been in sync since. */
export function newLine(profile: LineProfile, rng: Random, now: number, uptimeMs: number): LineState {
  const bootedAt = now - uptimeMs;
  // A FRITZ!Box needs about a minute from power-on to DSL sync; sooner after a short boot.
  const syncedAt = bootedAt + Math.min(60_000, uptimeMs / 2);
  const settled = Math.min(1, uptimeMs / 86_400_000);
  const state: LineState = {
    routerBootedAt: bootedAt,
    syncedAt,
    degraded: false,
    downKbps: 0,
    upKbps: 0,
    baseSnrDownDb: between(rng, 7, 11.5),
    baseSnrUpDb: between(rng, 7, 13),
    // Counters since the sync: a line in sync for days has collected a few.
    crcErrors: Math.round(intBetween(rng, 0, 400) * settled),
    fecErrors: Math.round(intBetween(rng, 1000, 90_000) * settled),
    erroredSeconds: Math.round(intBetween(rng, 0, 40) * settled),
    severelyErroredSeconds: Math.round(intBetween(rng, 0, 3) * settled),
    retrains: 0,
    bytesReceived: intBetween(rng, 1e9, 60e9),
    bytesSent: intBetween(rng, 1e8, 8e9),
    externalIp: randomIp(rng),
    log: [],
    at: now,
  };
  const synced = { ...state, ...syncRates(profile, rng, 1) };
  return { ...synced, log: syncLog(profile, synced, syncedAt, rng) };
}

/**
 * Advances a line to `now` under `cond`: counters grow, and a change of
 * condition drops or retrains the link, with the router's log lines for it.
 */
export function advanceLine(
  profile: LineProfile,
  s: LineState,
  cond: LineCondition,
  now: number,
  rng: Random,
): LineState {
  const minutes = Math.max(0, now - s.at) / 60_000;
  let next: LineState = { ...s, at: now };
  const linkDown = cond.kind === 'sync_lost';
  const wantDegraded = cond.kind === 'degraded' && profile.accessType === 'dsl';
  if (linkDown && s.syncedAt !== null) {
    const log = addLog(addLog(s.log, now, 'Internetverbindung wurde getrennt.'), now + 1, lostText(profile));
    next = { ...next, syncedAt: null, log };
  } else if (!linkDown && (s.syncedAt === null || wantDegraded !== s.degraded)) {
    // Back in sync, or a retrain to the degraded (or the restored) rate.
    const factor = wantDegraded ? between(rng, 0.4, 0.5) : 1;
    const rates = syncRates(profile, rng, factor);
    const synced = { ...next, ...rates, degraded: wantDegraded };
    next = {
      ...synced,
      syncedAt: now,
      retrains: s.retrains + 1,
      crcErrors: 0,
      fecErrors: 0,
      erroredSeconds: 0,
      severelyErroredSeconds: 0,
      externalIp: s.syncedAt === null ? randomIp(rng) : s.externalIp,
      log: [...syncLog(profile, synced, now, rng), ...s.log].slice(0, 20),
    };
  }
  if (next.syncedAt === null) return next;
  const severity = cond.kind === 'degraded' ? cond.severity : 0;
  const crcPerMinute =
    profile.accessType === 'dsl'
      ? between(rng, 0, 2) + wearOf(cond) * 30 + severity * between(rng, 90, 160)
      : 0;
  const usedMbps = between(rng, 0.2, 4);
  return {
    ...next,
    crcErrors: Math.round(next.crcErrors + crcPerMinute * minutes),
    fecErrors: Math.round(next.fecErrors + (200 + severity * 4000) * minutes * rng.next()),
    erroredSeconds: Math.round(next.erroredSeconds + Math.min(60, crcPerMinute / 4) * minutes),
    bytesReceived: Math.round(next.bytesReceived + (usedMbps * 1e6 * 60 * minutes) / 8),
    bytesSent: Math.round(next.bytesSent + (usedMbps * 0.15 * 1e6 * 60 * minutes) / 8),
  };
}

/**
 * The router as TR-064 shows it: WAN state, DSL figures (DSL lines only)
 * and the newest lines of its event log.
 */
export function routerView(
  profile: LineProfile,
  s: LineState,
  cond: LineCondition,
  now: number,
  rng: Random,
): RouterStatus {
  const up = s.syncedAt !== null;
  const severity = cond.kind === 'degraded' ? cond.severity : 0;
  const sec = (ms: number) => Math.max(0, Math.round(ms / 1000));
  const dsl = profile.accessType === 'dsl';
  return {
    address: '192.168.178.1',
    protocol: 'tr064',
    model: profile.routerModel,
    firmware: `${firmwarePrefix(profile.routerModel)}.0${profile.firmware}`,
    uptimeSeconds: sec(now - s.routerBootedAt),
    wan: {
      accessType: dsl ? 'DSL' : profile.accessType === 'cable' ? 'X_AVM-DE_Cable' : 'X_AVM-DE_Fiber',
      physicalLinkStatus: up ? 'Up' : 'Down',
      connectionStatus: up ? 'Connected' : 'Connecting',
      lastConnectionError: 'ERROR_NONE',
      externalIp: up ? s.externalIp : null,
      uptimeSeconds: up ? sec(now - (s.syncedAt ?? now)) : 0,
      layer1DownBps: up ? s.downKbps * 1000 : 0,
      layer1UpBps: up ? s.upKbps * 1000 : 0,
      bytesReceived: s.bytesReceived,
      bytesSent: s.bytesSent,
    },
    dsl: dsl
      ? {
          status: up ? 'Up' : 'NoSignal',
          downCurrentKbps: up ? s.downKbps : 0,
          upCurrentKbps: up ? s.upKbps : 0,
          downMaxKbps: up ? Math.round(s.downKbps * (s.degraded ? 1.05 : 1.18)) : 0,
          upMaxKbps: up ? Math.round(s.upKbps * 1.12) : 0,
          downSnrMarginDb: up
            ? round1(s.baseSnrDownDb - 3.5 * wearOf(cond) - 2.5 * severity + gauss(rng, 0, 0.2))
            : null,
          upSnrMarginDb: up ? round1(s.baseSnrUpDb - 3 * severity + gauss(rng, 0, 0.2)) : null,
          downAttenuationDb: round1(4 + ((profile.loopLengthM ?? 500) / 1000) * 19),
          upAttenuationDb: round1(2 + ((profile.loopLengthM ?? 500) / 1000) * 11),
          crcErrors: s.crcErrors,
          fecErrors: s.fecErrors,
          linkRetrains: s.retrains,
          erroredSeconds: s.erroredSeconds,
          severelyErroredSeconds: s.severelyErroredSeconds,
        }
      : null,
    log: s.log.slice(0, 5),
    findings: [],
  };
}

/** Sync rates near the contract (VDSL profiles sync a little above it), times `factor`. */
function syncRates(profile: LineProfile, rng: Random, factor: number) {
  const { downMbps, upMbps } = profile.contract;
  const down =
    profile.accessType === 'dsl' ? downMbps * 1000 * between(rng, 1.1, 1.17) : downMbps * 1000 * 1.1;
  const up = profile.accessType === 'dsl' ? upMbps * 1000 * between(rng, 1.1, 1.17) : upMbps * 1000 * 1.1;
  return { downKbps: Math.round(down * factor), upKbps: Math.round(up * Math.min(1, factor * 1.4)) };
}

function syncLog(profile: LineProfile, s: LineState, at: number, rng: Random): RouterLogEntry[] {
  const connected = {
    at: berlinIso(at + 4000),
    text: `Internetverbindung wurde erfolgreich hergestellt. IP-Adresse: ${s.externalIp}`,
  };
  if (profile.accessType !== 'dsl') {
    const what =
      profile.accessType === 'cable' ? 'Kabelanschluss (DOCSIS 3.1)' : 'Glasfaserverbindung (GPON)';
    return [connected, { at: berlinIso(at), text: `${what} ist bereit.` }];
  }
  return [
    connected,
    {
      at: berlinIso(at),
      text: `DSL ist verfügbar (DSL-Synchronisierung besteht mit ${s.downKbps}/${s.upKbps} kbit/s).`,
    },
    { at: berlinIso(at - intBetween(rng, 30, 60) * 1000), text: 'DSL-Synchronisierung beginnt (Training).' },
  ];
}

const lostText = (profile: LineProfile) =>
  profile.accessType === 'dsl'
    ? 'DSL antwortet nicht (Keine DSL-Synchronisierung).'
    : profile.accessType === 'cable'
      ? 'Kabelanschluss: keine Verbindung zur Gegenstelle (DOCSIS).'
      : 'Glasfaserverbindung unterbrochen (kein Signal).';

function addLog(log: RouterLogEntry[], at: number, text: string): RouterLogEntry[] {
  return [{ at: berlinIso(at), text }, ...log].slice(0, 20);
}

function firmwarePrefix(model: string): number {
  if (model.includes('7590 AX')) return 272;
  if (model.includes('7590')) return 154;
  if (model.includes('7530')) return 256;
  if (model.includes('6591')) return 161;
  if (model.includes('6660')) return 265;
  return 271;
}

/** A documentation address (RFC 5737): real-looking, never anyone's. */
const randomIp = (rng: Random) =>
  `${rng.next() < 0.5 ? '198.51.100' : '203.0.113'}.${intBetween(rng, 2, 254)}`;

/** How far an `ok` line has worn (degraded lines have worn through). */
const wearOf = (cond: LineCondition) =>
  cond.kind === 'ok' ? (cond.wear ?? 0) : cond.kind === 'degraded' ? 1 : 0;

const round1 = (x: number) => Math.round(x * 10) / 10;
