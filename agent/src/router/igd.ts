import type { ReadContext, RouterDraft } from './context.js';
import { type DeviceDescription, findService } from './description.js';

import {
  connectionCandidates,
  emptyWan,
  readConnection,
  readDefaultConnection,
  readLinkProperties,
} from './wan.js';

/**
 * Reads the WAN side over UPnP IGD 1.0 (no login; DOMAIN.md §1):
 * 1. `WANCommonInterfaceConfig:GetCommonLinkProperties`;
 * 2. `Layer3Forwarding:GetDefaultConnectionService` when the description
 *    lists it (AVM's igddesc does not);
 * 3. `GetStatusInfo` on WANIPConnection or WANPPPConnection, the default
 *    one first, else whichever answers (modern FRITZ!OS answers on
 *    WANIPConn1 even over PPPoE), then `GetExternalIPAddress`.
 * Byte counters are left to the caller (AVM `GetAddonInfos` first).
 *
 * @example
 * await readIgd(ctx, await fetchDescription(igdLocation, { signal }), draft)
 * draft.wan?.connectionStatus // 'Connected'
 */
export async function readIgd(ctx: ReadContext, description: DeviceDescription, draft: RouterDraft) {
  const wan = draft.wan ?? emptyWan();
  draft.wan = wan;
  if (await readLinkProperties(ctx, 'UPnP IGD', findService(description, 'WANCommonInterfaceConfig'), wan)) {
    draft.protocol ??= 'igd';
  }
  const preferred = await readDefaultConnection(ctx, 'UPnP IGD', description);
  await readConnection(ctx, 'UPnP IGD', connectionCandidates(description, preferred), wan);
  if (wan.connectionStatus !== null) draft.protocol ??= 'igd';
  draft.model ??= description.modelName;
}
