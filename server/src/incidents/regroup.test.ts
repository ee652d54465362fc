import type { Cause, IncidentEventKind, SiteStatus, SiteUpdate } from '@linewatch/shared';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDb, type Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import { addLine, recordTransition } from '../testing/transitions.js';
import { defaultIncidentConfig } from './config.js';
import { createIncidentProcessor, type IncidentProcessor } from './processor.js';
import { leaveArea, regroupSite } from './regroup.js';

/** The real processor builds an area outage; then a person edits or deletes a site of it. */

let store: Store;
let orgId: string;
let now: number;
let processor: IncidentProcessor;
let events: { incidentId: string; kind: IncidentEventKind }[];

beforeEach(() => {
  store = createStore(openDb(':memory:'));
  orgId = store.users.defaultOrgId(0);
  now = Date.parse('2026-03-02T10:00:00Z');
  events = [];
  processor = createIncidentProcessor({
    store,
    now: () => now,
    config: defaultIncidentConfig,
    log: pino({ level: 'silent' }),
    onChange: () => {},
  });
});

const deps = () => ({
  store,
  onEvent: (e: { incidentId: string; kind: IncidentEventKind }) => events.push(e),
});

const site = (name: string, carrier: string, postcode: string) =>
  addLine(store, orgId, name, carrier, postcode);

function transition(siteId: string, to: SiteStatus, cause: Cause | null, at = now): void {
  recordTransition(store, siteId, { to, cause, at, now });
  processor.process();
}

function edit(siteId: string, patch: SiteUpdate): string[] {
  return store.tx(() => {
    store.sites.update(orgId, siteId, patch);
    return regroupSite(deps(), store.sites.getById(siteId) as SiteRow, 'anna@shop.example', now);
  });
}

const parentOf = (siteId: string) => store.incidents.openForSite(siteId)?.parent_id ?? null;

/** Three Telekom lines in 101xx fail together: one area incident. */
function areaOutage(): { ids: string[]; areaId: string } {
  const ids = ['A', 'B', 'C'].map((n) => site(n, 'Telekom', '10115'));
  for (const id of ids) transition(id, 'down', 'line_sync_lost');
  const areaId = parentOf(ids[0] as string);
  if (!areaId) throw new Error('no area incident');
  return { ids, areaId };
}

describe('regroupSite', () => {
  it('takes a line whose carrier changed out of its carrier’s area outage', () => {
    const { ids, areaId } = areaOutage();
    const [a] = ids as [string];
    const changed = edit(a, { carrier: 'Vodafone' });
    expect(parentOf(a)).toBeNull();
    expect(changed).toContain(areaId);
    const timeline = store.incidents.events(areaId).map((e) => e.kind);
    expect(timeline).toContain('site_left');
    expect(events).toContainEqual(expect.objectContaining({ incidentId: areaId, kind: 'site_left' }));
    // The others are still one outage.
    expect(store.incidents.get(areaId)?.resolved_at).toBeNull();
  });

  it('changes nothing when the edit keeps the line in its group (another name, the carrier’s spelling)', () => {
    const { ids, areaId } = areaOutage();
    const [a] = ids as [string];
    expect(edit(a, { name: 'Neu', carrier: ' telekom' })).toEqual([]);
    expect(parentOf(a)).toBe(areaId);
  });

  it('resolves an area outage left without a failing line', () => {
    const { ids, areaId } = areaOutage();
    for (const id of ids) edit(id, { area: 'elsewhere' });
    const area = store.incidents.get(areaId);
    expect(area?.resolved_at).toBe(now);
    expect(area?.resolved_by).toBe('anna@shop.example');
    expect(store.incidents.events(areaId).filter((e) => e.kind === 'site_left')).toHaveLength(3);
  });

  it('moves a down line into the open outage of its new carrier and area', () => {
    const { areaId } = areaOutage();
    // Minutes later, so it is not taken for a power cut (two carriers failing together).
    now += 5 * 60_000;
    const d = site('D', 'Vodafone', '10115');
    transition(d, 'down', 'line_sync_lost');
    expect(parentOf(d)).toBeNull();
    edit(d, { carrier: 'Telekom' });
    expect(parentOf(d)).toBe(areaId);
    expect(events).toContainEqual(expect.objectContaining({ incidentId: areaId, kind: 'site_joined' }));
  });

  it('re-derives the area from a new address, which moves the line out', () => {
    const { ids, areaId } = areaOutage();
    const [a] = ids as [string];
    edit(a, { address: 'Marktplatz 3, 04109 Leipzig' });
    expect(store.sites.getById(a)?.area).toBe('041');
    expect(parentOf(a)).toBeNull();
    expect(store.incidents.get(areaId)?.resolved_at).toBeNull();
  });
});

describe('leaveArea', () => {
  it('lets a deleted line leave its area outage first', () => {
    const { ids, areaId } = areaOutage();
    for (const id of ids) {
      store.tx(() => {
        leaveArea(deps(), id, 'anna@shop.example', now);
        store.sites.remove(orgId, id);
      });
    }
    expect(store.incidents.get(areaId)?.resolved_at).toBe(now);
    expect(store.incidents.children(areaId)).toEqual([]);
  });
});
