import type { Thresholds } from '../agent-config.js';
import type { AgentDiagnosis } from '../messages.js';
import { degradedCauses } from './degraded-cause.js';
import { downCause, linkState, routerAnswers } from './down-cause.js';
import type { DiagnosisContext, RoundFindings } from './findings.js';

export type { DiagnosisContext, RoundFindings } from './findings.js';

/** The agent's verdict plus the facts behind it, in plain English for logs and `check --json`. */
export interface Diagnosis extends AgentDiagnosis {
  evidence: string[];
}

/**
 * Diagnoses one probe round. Pure: the data plane decides whether the line
 * works, the router's own view says why not.
 *
 * 1. Nothing on the internet answers (no TCP target, no ICMP echo) → down;
 *    the cause from the most local fault outwards (see `downCause`).
 * 2. Internet addresses answer but no resolver resolves a name → down,
 *    `dns_failure`; the system resolver failing while public ones answer is
 *    `dns_failure` too (the router's or the ISP's DNS is broken).
 * 3. Otherwise degraded by the first degraded cause that holds, else up.
 *
 * Contradictions are told, not hidden: a router reporting its DSL down while
 * the internet answers (a mobile backup, or stale router data) leaves the
 * line up with that fact in the evidence; so does a router that does not
 * answer on its LAN ports while forwarding traffic.
 *
 * @example
 * diagnose(round, Thresholds.parse({}))
 * // { status: 'down', cause: 'router_unreachable', evidence: ['no default route'] }
 */
export function diagnose(
  round: RoundFindings,
  thresholds: Thresholds,
  context: DiagnosisContext = {},
): Diagnosis {
  const evidence: string[] = [];
  const tcp = round.targets.filter((t) => t.received > 0).length;
  const icmp = (round.icmp ?? []).filter((r) => r.received > 0).length;
  const total = round.targets.length + (round.icmp?.length ?? 0);
  if (tcp + icmp === 0) {
    const cause = downCause(round, evidence);
    evidence.push(`none of ${total} internet checks answers`);
    return { status: 'down', cause, evidence };
  }
  evidence.push(`${tcp + icmp} of ${total} internet checks answer`);
  if (!routerAnswers(round)) {
    evidence.push(
      round.gateway.address === null
        ? `${round.gateway.error ?? 'no default route'}, yet the internet answers`
        : `router ${round.gateway.address} does not answer on its LAN ports, yet forwards traffic`,
    );
  }
  const link = linkState(round.router);
  if (link.down)
    evidence.push(
      `${link.why[0] ?? 'router reports its link down'}, yet the internet answers (mobile backup?)`,
    );

  const dns = round.dns ?? [];
  if (dns.length > 0) {
    const failed = dns.filter((d) => !d.ok);
    const system = dns.find((d) => d.resolver === 'system');
    if (failed.length === dns.length) {
      evidence.push(
        `no resolver answers (${failed.map((d) => `${d.resolver}: ${d.error ?? 'failed'}`).join(', ')})`,
      );
      return { status: 'down', cause: 'dns_failure', evidence };
    }
    if (system && !system.ok) {
      evidence.push(`the system resolver fails (${system.error ?? 'failed'}) while public resolvers answer`);
      return { status: 'down', cause: 'dns_failure', evidence };
    }
  }
  const degraded = degradedCauses(round, thresholds, context, evidence);
  const first = degraded[0];
  return first ? { status: 'degraded', cause: first, evidence } : { status: 'up', cause: null, evidence };
}
