import {
  actionSubject,
  addFinding,
  call,
  invoke,
  noteError,
  type ReadContext,
  type RouterDraft,
} from './context.js';
import { type DeviceDescription, findService, type ServiceInfo } from './description.js';
import { parseDeviceLog } from './device-log.js';
import { dslFromInfo } from './dsl.js';
import { toCount, toText } from './values.js';
import {
  connectionCandidates,
  emptyWan,
  readConnection,
  readDefaultConnection,
  readLinkProperties,
} from './wan.js';

/**
 * `WANDSLInterfaceConfig:GetInfo` then `GetStatisticsTotal`, each result
 * kept in `draft` as soon as it arrives. Cable boxes list the service but
 * answer UPnP error 401 Invalid Action (home-assistant/core#65632): that
 * leaves `dsl` null with an `action_not_supported` finding saying why, not a
 * failed read.
 */
async function readDsl(
  ctx: ReadContext,
  service: ServiceInfo | undefined,
  draft: RouterDraft,
): Promise<void> {
  if (service === undefined) return;
  const out = await invoke(ctx, 'TR-064', service, 'GetInfo');
  if (!out.ok) {
    if (out.skipped) return;
    const subject = actionSubject('TR-064', service, 'GetInfo');
    const accessType = draft.wan?.accessType ?? null;
    if (out.error.finding === 'action_not_supported' && accessType !== null && accessType !== 'DSL') {
      addFinding(
        ctx,
        'action_not_supported',
        subject,
        `${out.error.message}: no DSL figures on a ${accessType} line`,
      );
    } else noteError(ctx, subject, out.error);
    return;
  }
  draft.protocol = 'tr064';
  draft.dsl = dslFromInfo(out.args, null);
  const stats = await call(ctx, 'TR-064', service, 'GetStatisticsTotal');
  if (stats !== null) draft.dsl = dslFromInfo(out.args, stats);
}

/**
 * Reads a FRITZ!Box over TR-064 with the digest login (DOMAIN.md §2), in the
 * order that matters most for a diagnosis when the deadline cuts it short:
 * 1. `DeviceInfo:GetInfo` — model, firmware, uptime, event log; as the
 *    first authenticated call it also settles the login: refused (401) or
 *    blocked (503) stops the TR-064 read so the box does not count more
 *    failed logins;
 * 2. `WANCommonInterfaceConfig:GetCommonLinkProperties`;
 * 3. `WANDSLInterfaceConfig:GetInfo` and `GetStatisticsTotal`;
 * 4. `Layer3Forwarding:GetDefaultConnectionService` (`1.WANPPPConnection.1`
 *    or `1.WANIPConnection.1`), then that service's `GetStatusInfo` and
 *    `GetExternalIPAddress`, which the IGD has too, so one path serves both.
 * Fibre (`X_AVM-DE_WANFiber`) is not read: its levels are not in the
 * shared schema and are often empty on FRITZ!OS 8.25.
 * Byte counters are left to the caller, which prefers the IGD's 64-bit ones.
 *
 * @example
 * await readTr064(ctx, await fetchDescription(tr64Location, { signal }), draft)
 * draft.dsl?.downSnrMarginDb // 11
 */
export async function readTr064(ctx: ReadContext, description: DeviceDescription, draft: RouterDraft) {
  const info = await call(ctx, 'TR-064', findService(description, 'DeviceInfo'), 'GetInfo');
  if (ctx.loginRefused) return;
  if (info !== null) {
    draft.protocol = 'tr064';
    draft.model = toText(info.NewModelName, 100) ?? draft.model;
    draft.firmware = toText(info.NewSoftwareVersion, 100) ?? draft.firmware;
    draft.uptimeSeconds = toCount(info.NewUpTime);
    draft.log = parseDeviceLog(info.NewDeviceLog ?? '');
  }
  const wan = emptyWan();
  draft.wan = wan;
  if (await readLinkProperties(ctx, 'TR-064', findService(description, 'WANCommonInterfaceConfig'), wan)) {
    draft.protocol = 'tr064';
  }
  await readDsl(ctx, findService(description, 'WANDSLInterfaceConfig'), draft);
  const preferred = await readDefaultConnection(ctx, 'TR-064', description);
  await readConnection(ctx, 'TR-064', connectionCandidates(description, preferred), wan);
  if (wan.connectionStatus !== null) draft.protocol = 'tr064';
}

/**
 * Without a login only `DeviceInfo:GetSecurityPort` answers (AVM: no right
 * needed). It tells apart a TR-064 that is on but needs the login
 * (`auth_required`) from one switched off in the box (`tr064_disabled`).
 *
 * @example
 * await checkTr064WithoutLogin(ctx, description)
 * ctx.findings // [{ code: 'auth_required', subject: 'TR-064', detail: 'TR-064 answers (TLS port 49443) but needs a login …' }]
 */
export async function checkTr064WithoutLogin(
  ctx: ReadContext,
  description: DeviceDescription,
): Promise<void> {
  const service = findService(description, 'DeviceInfo');
  if (service === undefined) return;
  const out = await invoke(ctx, 'TR-064', service, 'GetSecurityPort');
  const subject = 'TR-064';
  if (out.ok) {
    const port = toCount(out.args.NewSecurityPort);
    addFinding(
      ctx,
      'auth_required',
      subject,
      `TR-064 answers${port === null ? '' : ` (TLS port ${port})`} but needs a login for DSL figures and the event log: set LINEWATCH_ROUTER_USER and LINEWATCH_ROUTER_PASSWORD`,
    );
  } else if (out.skipped) {
    return;
  } else if (out.error.finding === 'auth_required') {
    addFinding(
      ctx,
      'auth_required',
      subject,
      'TR-064 needs a login: set LINEWATCH_ROUTER_USER and LINEWATCH_ROUTER_PASSWORD',
    );
  } else if (out.error.finding === 'action_not_supported') {
    addFinding(ctx, 'tr064_disabled', subject, `DeviceInfo:GetSecurityPort: ${out.error.message}`);
  } else noteError(ctx, actionSubject('TR-064', service, 'GetSecurityPort'), out.error);
}
