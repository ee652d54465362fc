import type { Site } from '@linewatch/shared';

let counter = 0;

/**
 * A valid site for tests; each call gets a fresh id. Only imported by tests.
 *
 * @example makeSite({ status: 'down', cause: 'line_sync_lost' })
 */
export function makeSite(overrides: Partial<Site> = {}): Site {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    name: `Site ${counter}`,
    customer: `Customer ${counter}`,
    address: 'Hauptstraße 1, 10115 Berlin',
    carrier: 'Telekom',
    accessType: 'dsl',
    contract: { downMbps: 100, upMbps: 40 },
    business: false,
    area: '101',
    monthlyFeeCents: null,
    status: 'up',
    cause: null,
    since: '2025-06-15T10:00:00Z',
    agentId: `agent-${counter}`,
    lastSeenAt: '2025-06-15T11:59:00Z',
    createdAt: '2025-06-01T09:00:00Z',
    ...overrides,
  };
}
