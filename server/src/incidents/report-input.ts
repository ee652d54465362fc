import type { Language, RouterDsl, RouterLogEntry } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import type { HotlineReportInput } from './hotline-report.js';

/** How far before the fault the last DSL figures may be, ms. */
const figuresLookbackMs = 24 * 3600_000;

/** A DSL link that is in sync (TR-064 `Up`, IGD `Connected`/`Up`). */
const inSync = (dsl: RouterDsl | null | undefined): dsl is RouterDsl =>
  !!dsl && (dsl.status === null || /^(up|connected|showtime)$/i.test(dsl.status));

/**
 * Gathers the facts of a site incident for its hotline report from the
 * stored probe rounds: whether the router answered during the fault, when
 * the DSL sync was lost, the last DSL figures before that, and the router's
 * own log lines.
 */
export function hotlineReportInput(
  store: Store,
  site: SiteRow,
  incident: IncidentRow,
  opts: { lang: Language; now: number; timeZone?: string },
): HotlineReportInput {
  const end = incident.recovered_at ?? opts.now;
  const during = store.siteHistory.between(site.id, incident.started_at - 60_000, end, 500);
  const faulty = during.filter((m) => m.measurement.diagnosis.status !== 'up');
  const firstFaulty = faulty[0]?.measurement;
  const syncLost = during.find((m) => m.measurement.router?.dsl && !inSync(m.measurement.router.dsl));
  const lastGood = store.siteHistory
    .before(site.id, syncLost?.t ?? incident.started_at, 100)
    .find((m) => m.t >= incident.started_at - figuresLookbackMs && inSync(m.measurement.router?.dsl));
  const withLog = [...during].reverse().find((m) => (m.measurement.router?.log.length ?? 0) > 0);
  const routerLog: RouterLogEntry[] = withLog?.measurement.router?.log ?? [];
  const siblings = incident.parent_id ? store.incidents.children(incident.parent_id).length - 1 : null;
  return {
    lang: opts.lang,
    now: opts.now,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    customer: { name: site.customer, address: site.address, business: site.business === 1 },
    line: {
      carrier: site.carrier,
      accessType: site.access_type,
      contract: { downMbps: site.contract_down_mbps, upMbps: site.contract_up_mbps },
      monthlyFeeCents: site.monthly_fee_cents,
    },
    incident: {
      cause: incident.cause ?? 'agent_silent',
      status: incident.status,
      startedAt: incident.started_at,
      endedAt: incident.recovered_at,
      otherSitesAffected: siblings,
    },
    checks: {
      routerReachable: firstFaulty ? firstFaulty.gateway.reachable : null,
      syncLostAt: syncLost?.t ?? null,
      lastDsl: lastGood?.measurement.router?.dsl
        ? { at: lastGood.t, dsl: lastGood.measurement.router.dsl }
        : null,
    },
    routerLog,
    ticket:
      incident.ticket_number !== null && incident.reported_at !== null
        ? {
            carrier: incident.ticket_carrier ?? site.carrier,
            number: incident.ticket_number,
            reportedAt: incident.reported_at,
          }
        : null,
  };
}
