import {
  EnrollResponse,
  type Incident,
  reconnectBackoff,
  type SiteCreate,
  SiteCreated,
} from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlannedSite, planFleet } from '../../server/sim/fleet-plan.js';
import { type CutMode, type Link, openLink } from '../../server/sim/link.js';
import { quietLog } from '../../server/sim/quiet-log.js';
import { unseeded } from '../../server/sim/random.js';
import { SimAgent } from '../../server/sim/sim-agent.js';
import { createSiteSim, type SiteSim } from '../../server/sim/site-sim.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

/**
 * Issue 5, acceptance 3, through the whole system: the real server process
 * and 50 simulated agents (server/sim: real MQTT, real message schema), each
 * behind its own loopback line that the test cuts. 30 sites of carrier X
 * (Telekom) and 20 of Y (Vodafone) in several areas; 12 X lines in the
 * Leipzig 041 area fail within 20 s — lost sync (silent), reset or power
 * cut — while one Y line elsewhere fails at the same moment. Expected: one
 * area incident of exactly those 12 sites, and the Y line its own incident;
 * each site's recovery is tracked, and the area incident resolves with its
 * last site.
 */
const keepaliveSeconds = 4;
const intervalSeconds = 2;
const stableSeconds = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One simulated customer: its site, line, agent. */
interface Customer {
  siteId: string;
  carrier: 'Telekom' | 'Vodafone';
  area: string;
  sim: SiteSim;
  agent: SimAgent;
  link: Link;
}

/** Postcodes of the other areas: Berlin, Hamburg, Köln, Frankfurt, Stuttgart, München, Dresden, Kiel, Bremen. */
const otherAreas = ['101', '202', '506', '603', '701', '803', '010', '241', '281'];

let server: ServerProc;
const customers: Customer[] = [];

beforeAll(async () => {
  server = await startServerProcess({
    LINEWATCH_CONFIRM_DELAY_SECONDS: '3',
    LINEWATCH_RECOVERY_STABLE_SECONDS: String(stableSeconds),
  });
  const plans = planFleet(200, 5);
  const dsl = (carrier: string) =>
    plans.filter((p) => p.site.carrier === carrier && p.line.accessType === 'dsl');
  const telekom = dsl('Telekom').slice(0, 30);
  const vodafone = dsl('Vodafone').slice(0, 20);
  // X: 12 in 041, 18 spread two per other area. Y: 2 in 041 (they stay up), 18 spread two per other area.
  const placed = [
    ...telekom.map((p, i) => ({ plan: p, area: i < 12 ? '041' : (otherAreas[(i - 12) % 9] as string) })),
    ...vodafone.map((p, i) => ({ plan: p, area: i < 2 ? '041' : (otherAreas[(i - 2) % 9] as string) })),
  ];
  for (let i = 0; i < placed.length; i += 10) {
    customers.push(
      ...(await Promise.all(placed.slice(i, i + 10).map((c, j) => enroll(c.plan, c.area, i + j)))),
    );
  }
  for (const c of customers) c.agent.start();
  await eventually(async () => {
    const sites = (await (await server.api('/api/v1/sites')).json()) as { status: string }[];
    return sites.length === 50 && sites.every((s) => s.status === 'up');
  }, 60_000);
}, 120_000);

afterAll(async () => {
  await Promise.all(customers.map((c) => c.agent.stop(500)));
  await Promise.all(customers.map((c) => c.link.close()));
  server.kill('SIGTERM');
  await server.exited;
});

/** Creates the site through the API, enrolls it and builds its agent behind its own line. */
async function enroll(plan: PlannedSite, area: string, n: number): Promise<Customer> {
  const body: SiteCreate = {
    ...plan.site,
    name: `${plan.site.name} ${n}`,
    address: `Hauptstraße ${n + 1}, ${area}${String(10 + (n % 90)).padStart(2, '0')} Ort`,
  };
  const res = await server.api('/api/v1/sites', { method: 'POST', body: JSON.stringify(body) });
  const site = SiteCreated.parse(await res.json());
  const enrolled = await fetch(`${server.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: site.enrollmentToken }),
  });
  const { agentId, mqtt } = EnrollResponse.parse(await enrolled.json());
  const link = await openLink({ host: '127.0.0.1', port: server.mqttPort });
  const sim = createSiteSim(plan.line, unseeded, Date.now(), 20 * 86_400_000);
  const agent = new SimAgent({
    agentId,
    password: mqtt.password,
    url: link.url,
    keepaliveSeconds,
    intervalSeconds,
    bootedAt: Date.now() - 86_400_000,
    measure: (meta) => sim.measure(meta),
    log: quietLog,
    // The agent's own backoff, ten times faster, so the test's recoveries take seconds.
    backoff: { baseMs: reconnectBackoff.baseMs / 10, capMs: reconnectBackoff.capMs / 10 },
    connectTimeoutMs: 2000,
  });
  return { siteId: site.id, carrier: plan.site.carrier as Customer['carrier'], area, sim, agent, link };
}

async function openIncidents(): Promise<Incident[]> {
  return (await (await server.api('/api/v1/incidents?state=open&limit=1000')).json()) as Incident[];
}

async function incident(id: string): Promise<Incident> {
  return (await (await server.api(`/api/v1/incidents/${id}`)).json()) as Incident;
}

/** How each of the 12 lines fails: lost sync (the connection dies silently), a reset, or a power cut. */
const failures: ('sync_lost' | CutMode | 'power')[] = [
  ...Array<'sync_lost'>(6).fill('sync_lost'),
  ...Array<CutMode>(4).fill('abrupt'),
  'power',
  'power',
];

function fail(c: Customer, how: (typeof failures)[number]): void {
  if (how === 'power') c.agent.powerOff();
  else if (how === 'sync_lost') {
    c.sim.setCondition({ kind: 'sync_lost' }, Date.now());
    c.link.cut('silent');
  } else c.link.cut(how);
}

function recover(c: Customer, how: (typeof failures)[number]): void {
  if (how === 'power') c.agent.powerOn(Date.now() - 5000);
  else {
    c.sim.setCondition({ kind: 'ok' }, Date.now());
    c.link.restore();
  }
}

describe('a fleet of 50 agents over MQTT', () => {
  it('groups 12 lines of one carrier failing in one area into one incident, not 12', {
    timeout: 240_000,
  }, async () => {
    const area = customers.filter((c) => c.carrier === 'Telekom' && c.area === '041');
    const y = customers.find((c) => c.carrier === 'Vodafone' && c.area === '803') as Customer;
    expect(area).toHaveLength(12);

    // The area's lines fail one after another over 20 s; the Y line elsewhere with the first.
    fail(y, 'abrupt');
    for (const [i, c] of area.entries()) {
      fail(c, failures[i] as (typeof failures)[number]);
      await sleep(1700);
    }
    const failed = new Set([...area.map((c) => c.siteId), y.siteId]);
    await eventually(async () => {
      const sites = (await (await server.api('/api/v1/sites')).json()) as { id: string; status: string }[];
      return (
        sites.filter((s) => s.status === 'down').length === 13 &&
        sites.every((s) => s.status !== 'down' || failed.has(s.id))
      );
    }, 60_000);

    // Once every down is processed: two incidents at the top, one of them the area's with its 12 sites.
    const top = await eventually(async () => {
      const open = await openIncidents();
      const parents = open.filter((i) => i.parentId === null);
      const children = open.filter((i) => i.parentId !== null);
      return parents.length === 2 && children.length === 12 ? parents : null;
    }, 20_000);
    const areaIncident = top.find((i) => i.kind === 'area') as Incident;
    const yIncident = top.find((i) => i.kind === 'site') as Incident;
    expect(areaIncident).toMatchObject({ carrier: 'Telekom', area: '041', powerCutSuspected: false });
    expect([...areaIncident.siteIds].sort()).toEqual(area.map((c) => c.siteId).sort());
    expect(yIncident.siteIds).toEqual([y.siteId]);
    expect(yIncident.parentId).toBeNull();
    // Started with the first of its sites.
    const children = (await openIncidents()).filter((i) => i.parentId === areaIncident.id);
    expect(areaIncident.startedAt).toBe(children.map((c) => c.startedAt).sort()[0]);

    // Half the area comes back: those sites resolve, the area incident stays open.
    const firstHalf = area.slice(0, 6);
    for (const [i, c] of firstHalf.entries()) recover(c, failures[i] as (typeof failures)[number]);
    recover(y, 'abrupt');
    await eventually(async () => {
      const open = await openIncidents();
      return firstHalf.every((c) => !open.some((i) => i.siteIds.includes(c.siteId) && i.kind === 'site'));
    }, 90_000);
    expect((await incident(areaIncident.id)).resolvedAt).toBeNull();
    await eventually(async () => (await incident(yIncident.id)).resolvedAt !== null, 30_000);

    // The rest come back: the area incident resolves with its last site.
    for (const [i, c] of area.slice(6).entries()) recover(c, failures[i + 6] as (typeof failures)[number]);
    const resolved = await eventually(async () => {
      const a = await incident(areaIncident.id);
      return a.resolvedAt !== null ? a : null;
    }, 90_000);
    expect(resolved.state).toBe('resolved');
    expect(await openIncidents()).toEqual([]);
  });
});
