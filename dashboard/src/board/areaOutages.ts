import type { Incident, Site } from '@linewatch/shared';
import { compareSites } from './siteList';

/** An open area incident with the lines it holds, most urgent first. */
export interface AreaOutage {
  incident: Incident;
  sites: Site[];
  /** How many of its known lines are up again (the outage stays open until they have been stable). */
  back: number;
}

/**
 * The open area outages among `incidents`, oldest first, each with the
 * sites it groups (sites this user cannot see are left out).
 *
 * @example areaOutages(openIncidents, live.state.sites)[0]?.sites.length // 12
 */
export function areaOutages(incidents: readonly Incident[], sites: ReadonlyMap<string, Site>): AreaOutage[] {
  return incidents
    .filter((incident) => incident.kind === 'area' && incident.state !== 'resolved')
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
    .map((incident) => {
      const known = incident.siteIds
        .map((id) => sites.get(id))
        .filter((site): site is Site => site !== undefined)
        .sort(compareSites);
      return { incident, sites: known, back: known.filter((site) => site.status === 'up').length };
    });
}
