import type { DownCause } from '../catalogue.js';
import type { RouterStatus } from '../probes.js';
import type { RoundFindings } from './findings.js';

/**
 * Why nothing on the internet answers, from the most local fault outwards
 * (DOMAIN.md §0, the classification cheat-sheet):
 *
 * 1. The router does not answer at all (no default route, no TCP or ICMP
 *    answer, no router API) → `router_unreachable`.
 * 2. The router answers but its physical link or DSL is not `Up` → `line_sync_lost`.
 * 3. The link is up but the PPP/IP session is not `Connected`, or there is no
 *    external address → `isp_session_down`.
 * 4. Otherwise the carrier's network beyond the router → `internet_unreachable`.
 */
export function downCause(round: RoundFindings, evidence: string[]): DownCause {
  const { gateway, router } = round;
  if (!routerAnswers(round)) {
    if (gateway.address === null) evidence.push(gateway.error ?? 'no default route');
    else {
      evidence.push(`router ${gateway.address} does not answer (${gateway.error ?? 'no answer'})`);
      if (gateway.arp === 'incomplete' || gateway.arp === 'absent') {
        evidence.push(`no ARP entry for ${gateway.address}: nothing answers at that address on the LAN`);
      }
    }
    return 'router_unreachable';
  }
  const link = linkState(router);
  if (link.down) {
    evidence.push(...link.why);
    return 'line_sync_lost';
  }
  const session = sessionState(router);
  if (session.down) {
    evidence.push(...session.why);
    return 'isp_session_down';
  }
  evidence.push(`router ${gateway.address ?? ''} answers`.replace('  ', ' '));
  if (router?.wan?.connectionStatus === 'Connected')
    evidence.push('the router reports its internet connection up');
  return 'internet_unreachable';
}

/** The router answered in some way: TCP, ICMP or its management API. */
export function routerAnswers(round: RoundFindings): boolean {
  const { gateway, router } = round;
  return gateway.reachable || (gateway.icmp?.received ?? 0) > 0 || (router?.protocol ?? null) !== null;
}

/** Whether the router reports its WAN link (DSL sync, cable, fibre) down. */
export function linkState(router: RouterStatus | null | undefined): { down: boolean; why: string[] } {
  const why: string[] = [];
  const physical = router?.wan?.physicalLinkStatus ?? null;
  const dsl = router?.dsl?.status ?? null;
  if (physical !== null && physical !== 'Up') why.push(`the router reports its WAN link "${physical}"`);
  if (dsl !== null && dsl !== 'Up') why.push(`DSL status "${dsl}" (not synchronised)`);
  for (const line of router?.log ?? []) {
    if (/DSL antwortet nicht|Keine DSL-Synchronisierung|DSL-Synchronisierung beginnt/.test(line.text)) {
      why.push(`router log: ${line.at ?? ''} ${line.text}`.trim());
      break;
    }
  }
  return { down: physical !== null && physical !== 'Up' ? true : dsl !== null && dsl !== 'Up', why };
}

/** Whether the router reports its PPP/IP session down while the link is up. */
export function sessionState(router: RouterStatus | null | undefined): { down: boolean; why: string[] } {
  const wan = router?.wan;
  if (!wan) return { down: false, why: [] };
  const why: string[] = [];
  const status = wan.connectionStatus;
  const noAddress = wan.externalIp !== null && (wan.externalIp === '' || wan.externalIp === '0.0.0.0');
  if (status !== null && status !== 'Connected') {
    why.push(`internet session "${status}"${wan.lastConnectionError ? ` (${wan.lastConnectionError})` : ''}`);
  }
  if (noAddress) why.push('the router has no external IP address');
  for (const line of router?.log ?? []) {
    if (/Anmeldung beim Internetanbieter|PPPoE-Fehler|Internetverbindung wurde getrennt/.test(line.text)) {
      why.push(`router log: ${line.at ?? ''} ${line.text}`.trim());
      break;
    }
  }
  return { down: (status !== null && status !== 'Connected') || noAddress, why };
}
