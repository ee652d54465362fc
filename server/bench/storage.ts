/**
 * Storage benchmark: two years of one site sampled every 10 s, kept the
 * way the lifecycle keeps it: the last `rawRetentionDays` raw (stored
 * through the real repo, bodies as `sampleMeasurement` builds them), the
 * rest only as 1-minute (90 days) and 1-hour (730 days) rollups. Older
 * days are produced by the real `rollup` over synthetic raw rows, one day
 * at a time, deleted again as it goes. Prints the database size after
 * VACUUM per site and per table; it does not assert.
 *
 * Env: BENCH_DAYS (default 730); BENCH_LINE=dsl for a DSL line whose
 * samples also carry a DNS time and the router's DSL figures.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prune } from '../src/store/retention.js';
import { rollup } from '../src/store/rollups.js';
import { storeWithSite } from '../src/testing/store.js';

const days = Number(process.env.BENCH_DAYS ?? 730);
const dslLine = process.env.BENCH_LINE === 'dsl';
const retention = { rawRetentionDays: 14, minuteRetentionDays: 90, hourRetentionDays: 730 };
const dayMs = 86_400_000;
const stepMs = 10_000;
const perDay = dayMs / stepMs;
const end = Date.UTC(2026, 10, 25);

const dir = mkdtempSync(join(tmpdir(), 'lw-storage-'));
const { store, orgId, siteId, add } = storeWithSite(join(dir, 'linewatch.db'));
const db = store.db;
const agentId = randomUUID();
const bootId = randomUUID();

/** Latency and loss that vary like a real line: a daily swell plus noise; on a DSL line its figures too. */
const figures = (t: number, i: number) => ({
  gatewayRttMs: 0.3 + (i % 7) / 10,
  latencyMs: 12 + 6 * Math.sin((2 * Math.PI * (t % dayMs)) / dayMs) + ((i * 7919) % 100) / 20,
  lossPct: i % 97 === 0 ? 33 : 0,
  jitterMs: 0.5 + ((i * 104729) % 50) / 25,
  ...(dslLine && {
    dnsMs: 8 + ((i * 7919) % 400) / 10,
    dsl: {
      downKbps: 236_716 - (i % 5),
      upKbps: 46_719,
      snrDownDb: 11 - (i % 3) / 10,
      snrUpDb: 8,
      crcErrors: Math.floor(i / 40),
      attenDownDb: 14,
      attenUpDb: 8,
    },
  }),
});

const started = performance.now();
let seq = 0;
const synthetic =
  db.prepare(`INSERT INTO measurements (org_id, site_id, agent_id, boot_id, seq, t, received_at,
  gateway_rtt_ms, latency_ms, loss_pct, jitter_ms, dns_ms, sync_down_kbps, sync_up_kbps, snr_down_db, snr_up_db,
  atten_down_db, atten_up_db, crc_errors, diag_status, diag_cause, body)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'up', NULL, '{}')`);
const insertDay = db.transaction((dayStart: number) => {
  for (let i = 0; i < perDay; i++) {
    const t = dayStart + i * stepMs;
    const f = figures(t, i);
    synthetic.run(
      orgId,
      siteId,
      agentId,
      bootId,
      ++seq,
      t,
      t,
      f.gatewayRttMs,
      f.latencyMs,
      f.lossPct,
      f.jitterMs,
      f.dnsMs ?? null,
      f.dsl?.downKbps ?? null,
      f.dsl?.upKbps ?? null,
      f.dsl?.snrDownDb ?? null,
      f.dsl?.snrUpDb ?? null,
      f.dsl?.attenDownDb ?? null,
      f.dsl?.attenUpDb ?? null,
      f.dsl?.crcErrors ?? null,
    );
  }
});
const dropDay = db.prepare('DELETE FROM measurements WHERE site_id = ? AND t >= ? AND t < ?');

// 1. older days: synthetic raw → rollup → delete the raw again
for (let d = days; d > retention.rawRetentionDays; d--) {
  const dayStart = end - d * dayMs;
  insertDay(dayStart);
  await rollup(db, { fromMs: dayStart, toMs: dayStart + dayMs });
  dropDay.run(siteId, dayStart, dayStart + dayMs);
}
// 2. the raw window through the real repo, then the lifecycle's own pass
for (let d = Math.min(days, retention.rawRetentionDays); d > 0; d--) {
  const dayStart = end - d * dayMs;
  add(
    Array.from({ length: perDay }, (_, i) => ({
      t: dayStart + i * stepMs,
      f: figures(dayStart + i * stepMs, i),
    })),
    dayStart + dayMs,
  );
}
await rollup(db, { fromMs: end - retention.rawRetentionDays * dayMs, toMs: end });
await prune(db, retention, end);
db.exec('VACUUM');
const seconds = (performance.now() - started) / 1000;

const page = (db.pragma('page_size', { simple: true }) as number) * 1;
const total = (db.pragma('page_count', { simple: true }) as number) * page;
const byTable = db
  .prepare(
    `SELECT COALESCE(i.tbl_name, d.name) AS tbl, SUM(d.pgsize) AS bytes FROM dbstat d
     LEFT JOIN sqlite_schema i ON i.name = d.name GROUP BY tbl ORDER BY bytes DESC`,
  )
  .all() as { tbl: string; bytes: number }[];
const bytesOf = (t: string) => byTable.find((r) => r.tbl === t)?.bytes ?? 0;
const rows = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const rawDays = Math.min(days, retention.rawRetentionDays);

console.log(
  `one ${dslLine ? 'DSL ' : ''}site, ${days} days at ${stepMs / 1000} s (${seconds.toFixed(0)} s to build)`,
);
console.log(`database after VACUUM: ${total} bytes (${mib(total)}) per site`);
for (const t of ['measurements', 'measurements_1m', 'measurements_1h']) {
  console.log(`  ${t}: ${rows(t)} rows, ${bytesOf(t)} bytes (${mib(bytesOf(t))}) incl. indexes`);
}
console.log(
  `raw per site per day: ${Math.round(bytesOf('measurements') / rawDays)} bytes (${(bytesOf('measurements') / rowsOrOne('measurements')).toFixed(0)} bytes/sample)`,
);
console.log(
  `1-minute rollups per site per day: ${Math.round(bytesOf('measurements_1m') / Math.min(days, 90))} bytes`,
);
console.log(`1-hour rollups per site per day: ${Math.round(bytesOf('measurements_1h') / days)} bytes`);

function rowsOrOne(t: string) {
  return Math.max(1, rows(t));
}
store.close();
rmSync(dir, { recursive: true, force: true });
