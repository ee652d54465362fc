import type { Incident, LiveIncident } from '@linewatch/shared';

let counter = 0;

/**
 * A valid incident for tests; each call gets a fresh id. Only imported by tests.
 *
 * @example makeIncident({ state: 'resolved' })
 */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  counter += 1;
  return {
    id: `10000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    kind: 'site',
    state: 'open',
    status: 'down',
    cause: 'agent_silent',
    siteIds: ['00000000-0000-4000-8000-000000000001'],
    parentId: null,
    carrier: null,
    area: null,
    powerCutSuspected: false,
    flapping: false,
    maintenance: false,
    startedAt: '2025-06-15T10:00:00Z',
    recoveredAt: null,
    resolvedAt: null,
    resolvedBy: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ticket: null,
    ...overrides,
  };
}

/** The live feed's `incident` event data for an incident. */
export const liveIncident = (change: LiveIncident['change'], incident = makeIncident()): LiveIncident => ({
  change,
  incident,
});
