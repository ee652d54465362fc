/**
 * Mass-down benchmark: the CPU the incident processor needs when thousands
 * of sites go down within a minute (a regional power cut the uplink guard
 * did not hold back, or a carrier's wide outage).
 *
 * The real store (SQLite on disk, WAL) and processor, in-process: N sites of
 * five carriers in areas of ~20 sites; every site goes down within 60 s,
 * stored as the detector stores it (status and transition row in one
 * transaction) and processed as the server does (after each change).
 * Then every site comes back and the time-based step resolves everything.
 *
 * Env: BENCH_SITES (10000), BENCH_SITES_PER_AREA (20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { defaultIncidentConfig } from '../src/incidents/config.js';
import { createIncidentProcessor } from '../src/incidents/processor.js';
import { createStore, openDb, type Store } from '../src/store/index.js';

const n = Number(process.env.BENCH_SITES ?? 10_000);
const perArea = Number(process.env.BENCH_SITES_PER_AREA ?? 20);
const carriers = ['Telekom', 'Vodafone', '1&1', 'O2', 'Deutsche Glasfaser'];

function createSites(store: Store, orgId: string): string[] {
  const ids: string[] = [];
  store.tx(() => {
    for (let i = 0; i < n; i++) {
      const area = Math.floor(i / perArea);
      const site = store.sites.create(
        orgId,
        {
          name: `Kunde ${i}`,
          customer: `Kunde ${i}`,
          address: `Hauptstraße ${i}, ${String(10_000 + area * 10).padStart(5, '0')} Ort`,
          area: `A${area}`,
          carrier: carriers[i % carriers.length] as string,
          accessType: 'dsl',
          contract: { downMbps: 100, upMbps: 40 },
          business: false,
        },
        0,
      );
      ids.push(site.id);
    }
  });
  return ids;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'lw-mass-'));
  const store = createStore(openDb(join(dir, 'linewatch.db')));
  const orgId = store.users.defaultOrgId(0);
  const ids = createSites(store, orgId);
  let now = Date.parse('2026-03-02T10:00:00Z');
  const processor = createIncidentProcessor({
    store,
    now: () => now,
    config: defaultIncidentConfig,
    log: pino({ level: 'silent' }),
    onChange: () => {},
  });
  const change = (siteId: string, to: 'down' | 'up', at: number) => {
    const row = store.sites.getById(siteId);
    if (!row) return;
    store.tx(() => {
      store.sites.setStatus(siteId, {
        status: to,
        cause: to === 'down' ? 'agent_silent' : null,
        since: at,
        lastSeenAt: at,
        downAfter: null,
      });
      store.transitions.insert(
        {
          siteId,
          orgId,
          from: row.status,
          to,
          fromCause: row.cause,
          cause: to === 'down' ? 'agent_silent' : null,
          reason: 'bench',
          at,
        },
        at,
      );
    });
  };
  for (const id of ids) change(id, 'up', now);
  processor.process();

  /** Runs `fn`, returning its wall time and CPU (user + system) in ms. */
  const measure = (fn: () => void) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    fn();
    const used = process.cpuUsage(cpu);
    return { wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
  const start = now;
  const down = measure(() => {
    ids.forEach((id, i) => {
      now = start + Math.floor((i * 60_000) / n);
      change(id, 'down', now);
      processor.process();
    });
  });
  const count = (kind: string) =>
    (store.db.prepare('SELECT count(*) AS n FROM incidents WHERE kind = ?').get(kind) as { n: number }).n;
  const [siteIncidents, areaIncidents] = [count('site'), count('area')];
  now += 60_000;
  const back = measure(() => {
    for (const id of ids) {
      change(id, 'up', now);
      processor.process();
    }
  });
  now += defaultIncidentConfig.stableMs + 1000;
  const resolve = measure(() => processor.tick());
  const left = store.incidents.list(orgId, { state: 'open', limit: 10 }).length;

  const f = (m: { wallMs: number; cpuMs: number }) =>
    `${(m.cpuMs / 1000).toFixed(2)} s CPU (${(m.wallMs / 1000).toFixed(2)} s wall), ${((m.cpuMs * 1000) / n).toFixed(0)} µs per site`;
  console.log(`mass-down benchmark: ${n} sites, 5 carriers, ${Math.ceil(n / perArea)} areas of ${perArea}`);
  console.log(
    `  ${n} downs within 60 s, each stored and processed:  ${f(down)}; ${siteIncidents} site incidents in ${areaIncidents} area incidents`,
  );
  console.log(`  ${n} recoveries:                                    ${f(back)}`);
  console.log(`  one tick resolving everything:                      ${f(resolve)}; ${left} left open`);
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

main();
