import { randomUUID } from 'node:crypto';
import type { Cause, SiteStatus } from '@linewatch/shared';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDb, type Store } from '../store/index.js';
import { measurementAt } from '../testing/store.js';
import { addLine, recordTransition } from '../testing/transitions.js';
import { defaultIncidentConfig } from './config.js';
import { createIncidentProcessor, type IncidentProcessor } from './processor.js';

const min = 60_000;
let store: Store;
let orgId: string;
let now: number;
let processor: IncidentProcessor;
let changed: string[];
let opened: string[];

beforeEach(() => {
  store = createStore(openDb(':memory:'));
  orgId = store.users.defaultOrgId(0);
  now = Date.parse('2026-03-02T10:00:00Z');
  changed = [];
  opened = [];
  processor = createIncidentProcessor({
    store,
    now: () => now,
    config: defaultIncidentConfig,
    log: pino({ level: 'silent' }),
    onChange: (id, isNew) => {
      changed.push(id);
      if (isNew) opened.push(id);
    },
  });
});

const site = (name: string, carrier = 'Telekom', postcode = '10115', business = false) =>
  addLine(store, orgId, name, carrier, postcode, business);

/** Records a status change the way the detector does, then lets the processor run. */
function transition(siteId: string, to: SiteStatus, cause: Cause | null, at = now): void {
  recordTransition(store, siteId, { to, cause, at, now });
  processor.process();
}

const open = () => store.incidents.list(orgId, { state: 'open', limit: 100 });
const timeline = (id: string) => store.incidents.events(id).map((e) => e.kind);

describe('incidents from status changes', () => {
  it('opens one incident on the first down and resolves it after the line stayed back', () => {
    const s = site('A');
    transition(s, 'up', null);
    expect(open()).toEqual([]);
    transition(s, 'down', 'agent_silent');
    const [incident] = open();
    expect(incident).toMatchObject({ kind: 'site', site_id: s, status: 'down', cause: 'agent_silent' });
    now += 30_000;
    transition(s, 'up', null);
    expect(store.incidents.get(incident?.id ?? '')?.recovered_at).toBe(now);
    now += defaultIncidentConfig.stableMs - 1;
    processor.tick();
    expect(open()).toHaveLength(1);
    now += 1;
    processor.tick();
    expect(open()).toEqual([]);
    expect(timeline(incident?.id ?? '')).toEqual(['opened', 'status_changed', 'recovered', 'resolved']);
    expect(changed).toContain(incident?.id);
    // Told as opened once, when it opened; as changed after each later step.
    expect(opened).toEqual([incident?.id]);
  });

  it('keeps a flapping line in one incident, marked flapping', () => {
    const s = site('Flappy');
    transition(s, 'up', null);
    for (let i = 0; i < 4; i++) {
      transition(s, 'down', 'line_sync_lost');
      now += min;
      transition(s, 'up', null);
      now += min;
      processor.tick();
    }
    const incidents = open();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.flapping).toBe(1);
    const kinds = timeline(incidents[0]?.id ?? '');
    expect(kinds.filter((k) => k === 'relapsed')).toHaveLength(3);
    expect(kinds).toContain('flapping');
  });

  it('marks an outage inside a maintenance window', () => {
    const s = site('Maintained');
    store.maintenance.create(
      orgId,
      {
        scope: 'carrier',
        value: 'telekom',
        startsAt: new Date(now - min).toISOString(),
        endsAt: new Date(now + 60 * min).toISOString(),
      },
      'admin@example.test',
      now,
    );
    transition(s, 'down', 'isp_session_down');
    expect(open()[0]?.maintenance).toBe(1);
  });

  it('opens an incident for a line degraded for long, not for a short dip', () => {
    const s = site('Slow');
    transition(s, 'degraded', 'high_loss');
    now += 5 * min;
    processor.tick();
    expect(open()).toEqual([]);
    now += defaultIncidentConfig.degradedSustainMs;
    processor.tick();
    expect(open()[0]).toMatchObject({ status: 'degraded', cause: 'high_loss' });
  });

  it('groups 12 sites of one carrier and area into one area incident; another carrier elsewhere stays alone', () => {
    const x = Array.from({ length: 30 }, (_, i) => site(`X${i}`, 'Telekom', i < 15 ? '10115' : '80331'));
    const y = Array.from({ length: 20 }, (_, i) => site(`Y${i}`, 'Vodafone', '50667'));
    for (const s of [...x, ...y]) transition(s, 'up', null);
    const start = now;
    for (let i = 0; i < 12; i++) {
      now = start + i * 5000;
      transition(x[i] as string, 'down', 'internet_unreachable');
      if (i === 6) transition(y[0] as string, 'down', 'line_sync_lost');
    }
    const incidents = open();
    const areas = incidents.filter((i) => i.kind === 'area');
    expect(areas).toHaveLength(1);
    const area = areas[0];
    expect(area).toMatchObject({ carrier: 'Telekom', area: '101', power_cut: 0, started_at: start });
    expect(store.incidents.children(area?.id ?? '').map((c) => c.site_id)).toEqual(x.slice(0, 12));
    // 12 site incidents and the area's, each told as opened once.
    expect(opened).toHaveLength(14);
    expect(new Set(opened).size).toBe(14);
    expect(opened).toContain(area?.id);
    const lone = store.incidents.openForSite(y[0] as string);
    expect(lone?.parent_id).toBeNull();

    // Recoveries are per site; the area incident resolves with its last site.
    now += min;
    for (const s of x.slice(0, 12)) transition(s, 'up', null);
    now += defaultIncidentConfig.stableMs;
    processor.tick();
    expect(store.incidents.get(area?.id ?? '')?.state).toBe('resolved');
  });

  it('calls several carriers failing in one area a suspected power cut', () => {
    const sites = [
      site('T1', 'Telekom'),
      site('T2', 'Telekom'),
      site('V1', 'Vodafone'),
      site('O1', 'O2'),
      site('T3', 'Telekom'),
    ];
    for (const s of sites) transition(s, 'up', null);
    for (const s of sites) {
      now += 3000;
      transition(s, 'down', 'agent_silent');
    }
    const areas = open().filter((i) => i.kind === 'area');
    expect(areas).toHaveLength(1);
    expect(areas[0]).toMatchObject({ power_cut: 1, cause: 'power_or_device', carrier: null });
    expect(store.incidents.children(areas[0]?.id ?? '')).toHaveLength(5);
  });

  it('corrects agent_silent from what the agent recorded while cut off, as the backlog arrives', () => {
    const s = site('Silent');
    transition(s, 'up', null);
    const cut = now;
    now += 8000;
    transition(s, 'down', 'agent_silent', cut);
    now += 10 * min;
    transition(s, 'up', null);
    const boot = randomUUID();
    const store_ = (seq: number, t: number, down: boolean) => {
      const m = measurementAt(boot, seq, t);
      const diagnosis = down ? { status: 'down' as const, cause: 'line_sync_lost' as const } : m.diagnosis;
      // Dated as taken: the boot's clock epoch is known from its live samples.
      store.measurements.insertBatch({ orgId, siteId: s, agentId: 'a', receivedAt: t }, [
        { ...m, diagnosis },
      ]);
    };
    // The first backlog batch: the line fails.
    store_(1, cut - 1000, false);
    store_(2, cut + 1000, true);
    store_(3, cut + 2000, true);
    processor.reconcile(s);
    let incident = store.incidents.latestForSite(s);
    expect(incident).toMatchObject({ cause: 'line_sync_lost', started_at: cut + 1000, recovered_at: now });
    // A later batch: the agent saw the line back long before it could reconnect.
    store_(4, cut + 5 * min, false);
    processor.reconcile(s);
    incident = store.incidents.latestForSite(s);
    expect(incident).toMatchObject({
      cause: 'line_sync_lost',
      started_at: cut + 1000,
      recovered_at: cut + 5 * min,
    });
    expect(timeline(incident?.id ?? '').filter((k) => k === 'cause_corrected')).toHaveLength(2);
    processor.reconcile(s);
    expect(timeline(incident?.id ?? '').filter((k) => k === 'cause_corrected')).toHaveLength(2);
  });

  it('calls a silence the agent slept through (new boot) a power cut or unplugged box', () => {
    const s = site('Power');
    transition(s, 'up', null);
    const cut = now;
    transition(s, 'down', 'agent_silent');
    now += 20 * min;
    processor.agentRebooted(s, cut + 15 * min);
    expect(store.incidents.latestForSite(s)?.cause).toBe('power_or_device');
  });

  it('leaves an incident alone when the agent rebooted before the silence', () => {
    const s = site('Old boot');
    transition(s, 'down', 'agent_silent');
    processor.agentRebooted(s, now - 3600_000);
    expect(store.incidents.latestForSite(s)?.cause).toBe('agent_silent');
  });
});

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
