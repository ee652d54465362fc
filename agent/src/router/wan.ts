import type { RouterWan } from '@linewatch/shared';
import { type ByteCounterMemory, unwrapCounter } from './byte-counters.js';
import { type ApiLabel, actionSubject, call, invoke, noteError, type ReadContext } from './context.js';
import { type DeviceDescription, type ServiceInfo, serviceName } from './description.js';
import { toCount, toText } from './values.js';

/** WAN fields, filled step by step so a deadline keeps what was read. */
export function emptyWan(): RouterWan {
  return {
    accessType: null,
    physicalLinkStatus: null,
    connectionStatus: null,
    lastConnectionError: null,
    externalIp: null,
    uptimeSeconds: null,
    layer1DownBps: null,
    layer1UpBps: null,
    bytesReceived: null,
    bytesSent: null,
  };
}

/**
 * `WANCommonInterfaceConfig:GetCommonLinkProperties`: access type, link
 * state and line capacity in bit/s (TR-064: DSL MaxRate × 1000).
 */
export async function readLinkProperties(
  ctx: ReadContext,
  api: ApiLabel,
  common: ServiceInfo | undefined,
  wan: RouterWan,
): Promise<boolean> {
  const args = await call(ctx, api, common, 'GetCommonLinkProperties');
  if (args === null) return false;
  wan.accessType = toText(args.NewWANAccessType, 50);
  wan.physicalLinkStatus = toText(args.NewPhysicalLinkStatus, 50);
  wan.layer1DownBps = toCount(args.NewLayer1DownstreamMaxBitRate);
  wan.layer1UpBps = toCount(args.NewLayer1UpstreamMaxBitRate);
  return true;
}

const connectionTypes = ['WANPPPConnection', 'WANIPConnection'] as const;

/**
 * Which connection service `Layer3Forwarding:GetDefaultConnectionService`
 * names: TR-064 answers `1.WANPPPConnection.1`, UPnP IGD
 * `uuid:…:WANConnectionDevice:1,urn:upnp-org:serviceId:WANPPPConn1`.
 *
 * @example
 * defaultConnectionType('1.WANIPConnection.1') // 'WANIPConnection'
 */
export function defaultConnectionType(
  text: string | null | undefined,
): (typeof connectionTypes)[number] | null {
  const lower = (text ?? '').toLowerCase();
  if (lower.includes('wanpppconn')) return 'WANPPPConnection';
  if (lower.includes('wanipconn')) return 'WANIPConnection';
  return null;
}

/**
 * The connection services to ask, the default one first, then the others
 * in the order the description lists them (a box without PPP still lists
 * WANPPPConnection but fails its actions: fritzconnection issue #65).
 */
export function connectionCandidates(
  description: DeviceDescription,
  preferred: string | null,
): ServiceInfo[] {
  const listed = description.services.filter((s) =>
    (connectionTypes as readonly string[]).includes(serviceName(s.serviceType)),
  );
  return [...listed].sort(
    (a, b) =>
      Number(serviceName(b.serviceType) === preferred) - Number(serviceName(a.serviceType) === preferred),
  );
}

/**
 * The default connection service per `Layer3Forwarding`, when the
 * description lists that service; null otherwise or on failure.
 */
export async function readDefaultConnection(
  ctx: ReadContext,
  api: ApiLabel,
  description: DeviceDescription,
): Promise<string | null> {
  const service = description.services.find((s) => serviceName(s.serviceType) === 'Layer3Forwarding');
  const args = await call(ctx, api, service, 'GetDefaultConnectionService');
  return defaultConnectionType(args?.NewDefaultConnectionService);
}

/**
 * `GetStatusInfo` on the first candidate that answers (a fault or 404 moves
 * on to the next; a timeout or refused login stops), then
 * `GetExternalIPAddress` on that one.
 */
export async function readConnection(
  ctx: ReadContext,
  api: ApiLabel,
  candidates: ServiceInfo[],
  wan: RouterWan,
): Promise<void> {
  let chosen: ServiceInfo | null = null;
  for (const service of candidates) {
    const out = await invoke(ctx, api, service, 'GetStatusInfo');
    if (out.ok) {
      chosen = service;
      wan.connectionStatus = toText(out.args.NewConnectionStatus, 50);
      wan.lastConnectionError = toText(out.args.NewLastConnectionError, 100);
      wan.uptimeSeconds = toCount(out.args.NewUptime);
      break;
    }
    if (out.skipped) return;
    const last = service === candidates.at(-1);
    if (out.error.finding !== 'action_not_supported' || last) {
      noteError(ctx, actionSubject(api, service, 'GetStatusInfo'), out.error);
      return;
    }
  }
  if (chosen === null) return;
  const ip = await call(ctx, api, chosen, 'GetExternalIPAddress');
  if (ip !== null) wan.externalIp = toText(ip.NewExternalIPAddress, 64);
}

/** Where byte counters can come from, best first. */
export interface CounterSource {
  api: ApiLabel;
  /** The WANCommonInterfaceConfig service. */
  service: ServiceInfo;
  /** `addon`: AVM IGD `GetAddonInfos` (64-bit); `total`: `GetTotalBytesSent/Received` (ui4). */
  kind: 'addon' | 'total';
}

type RawCounters = { sent: number; received: number; bits: 32 | 64 };

async function readSource(
  ctx: ReadContext,
  source: CounterSource,
  wan: RouterWan,
): Promise<RawCounters | null> {
  const { api, service } = source;
  if (source.kind === 'addon') {
    const out = await invoke(ctx, api, service, 'GetAddonInfos');
    if (!out.ok) return null;
    const a = out.args;
    // Multi-gig links: the ui4 Layer1 fields stick; the 64-bit ones are right (empty on cable).
    wan.layer1DownBps = toCount(a.NewX_AVM_DE_Layer1DownstreamMaxBitRate64) || wan.layer1DownBps;
    wan.layer1UpBps = toCount(a.NewX_AVM_DE_Layer1UpstreamMaxBitRate64) || wan.layer1UpBps;
    const sent64 = toCount(a.NewX_AVM_DE_TotalBytesSent64);
    const received64 = toCount(a.NewX_AVM_DE_TotalBytesReceived64);
    if (sent64 !== null && received64 !== null) return { sent: sent64, received: received64, bits: 64 };
    const sent = toCount(a.NewTotalBytesSent);
    const received = toCount(a.NewTotalBytesReceived);
    return sent === null || received === null ? null : { sent, received, bits: 32 };
  }
  const sent = await invoke(ctx, api, service, 'GetTotalBytesSent');
  const received = sent.ok ? await invoke(ctx, api, service, 'GetTotalBytesReceived') : sent;
  if (!sent.ok || !received.ok) return null;
  const s = toCount(sent.args.NewTotalBytesSent);
  const r = toCount(received.args.NewTotalBytesReceived);
  return s === null || r === null ? null : { sent: s, received: r, bits: 32 };
}

/**
 * Byte counters from the first source that gives them, unwrapped against
 * `memory` (see {@link unwrapCounter}). Counters are a nice-to-have: a
 * source that fails is skipped without a finding.
 */
export async function readByteCounters(
  ctx: ReadContext,
  sources: CounterSource[],
  memory: ByteCounterMemory,
  uptimeSeconds: number | null,
  wan: RouterWan,
): Promise<void> {
  for (const source of sources) {
    const raw = await readSource(ctx, source, wan);
    if (raw === null) continue;
    memory.sent = unwrapCounter(memory.sent, raw.sent, uptimeSeconds, raw.bits);
    memory.received = unwrapCounter(memory.received, raw.received, uptimeSeconds, raw.bits);
    wan.bytesSent = memory.sent.unwrapped;
    wan.bytesReceived = memory.received.unwrapped;
    return;
  }
}
