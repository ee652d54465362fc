import { randomUUID } from 'node:crypto';
import type { Cause, SiteStatus } from '@linewatch/shared';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDb, type Store } from '../store/index.js';
import { measurementAt } from '../testing/store.js';
import { createIncidentProcessor, defaultIncidentConfig, type IncidentProcessor } from './processor.js';

/** An area outage seen first as silence, then explained by its lines' backlogs; back when they all are. */

const min = 60_000;
let store: Store;
let orgId: string;
let now: number;
let processor: IncidentProcessor;

beforeEach(() => {
  store = createStore(openDb(':memory:'));
  orgId = store.users.defaultOrgId(0);
  now = Date.parse('2026-03-02T10:00:00Z');
  processor = createIncidentProcessor({
    store,
    now: () => now,
    config: defaultIncidentConfig,
    log: pino({ level: 'silent' }),
    onChange: () => {},
  });
});

const site = (name: string) =>
  store.sites.create(
    orgId,
    {
      name,
      customer: name,
      address: 'Hauptstraße 1, 10115 Berlin',
      carrier: 'Telekom',
      accessType: 'dsl',
      contract: { downMbps: 100, upMbps: 40 },
      business: false,
    },
    0,
  ).id;

function transition(siteId: string, to: SiteStatus, cause: Cause | null, at = now): void {
  const row = store.sites.getById(siteId);
  if (!row) throw new Error('no site');
  store.tx(() => {
    store.sites.setStatus(siteId, { status: to, cause, since: at, lastSeenAt: at, downAfter: null });
    store.transitions.insert(
      { siteId, orgId, from: row.status, to, fromCause: row.cause, cause, reason: 'test', at },
      now,
    );
  });
  processor.process();
}

/** The backlog a line's agent sends after the outage: up before the cut, `line_sync_lost` after it. */
function backlog(siteId: string, cut: number): void {
  const boot = randomUUID();
  const items = [
    measurementAt(boot, 1, cut - 1000),
    {
      ...measurementAt(boot, 2, cut + 1000),
      diagnosis: { status: 'down' as const, cause: 'line_sync_lost' as const, evidence: [] },
    },
  ];
  store.measurements.insertBatch({ orgId, siteId, agentId: `a-${siteId}`, receivedAt: cut + 1000 }, items);
  processor.reconcile(siteId);
}

describe('an area incident follows what its lines recorded', () => {
  it('turns agent_silent into line_sync_lost and is back when the last line is back', () => {
    const sites = [site('A'), site('B'), site('C')];
    for (const s of sites) transition(s, 'up', null);
    const cut = now;
    now += 8000;
    for (const s of sites) transition(s, 'down', 'agent_silent', cut);
    const area = () =>
      store.incidents.list(orgId, { state: 'open', limit: 10 }).find((i) => i.kind === 'area');
    expect(area()).toMatchObject({ cause: 'agent_silent', recovered_at: null });

    now += 5 * min;
    transition(sites[0] as string, 'up', null);
    transition(sites[1] as string, 'up', null);
    backlog(sites[0] as string, cut);
    backlog(sites[1] as string, cut);
    expect(area()).toMatchObject({ cause: 'line_sync_lost', recovered_at: null });

    now += min;
    const lastBack = now;
    transition(sites[2] as string, 'up', null);
    expect(area()?.recovered_at).toBe(lastBack);
    // A line failing again makes the area down again.
    now += 10_000;
    transition(sites[2] as string, 'down', 'agent_silent');
    expect(area()?.recovered_at).toBeNull();
  });
});
