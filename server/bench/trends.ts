/**
 * Trend-watch benchmark: how long one `runOnce()` takes over a fleet, and
 * how long it holds the event loop at a stretch. The fleet: BENCH_SITES
 * sites with BENCH_DAYS days of probe rounds every BENCH_STEP_SECONDS,
 * each carrying the router's DSL figures, stored through the real repo
 * (bodies built by the test helpers), plus hourly rollups. Some
 * sites have a falling SNR margin, rising CRC errors or congested
 * evenings, so findings are written too. Prints numbers; it does not
 * assert.
 *
 * The DSL reader costs one index seek per 10-minute (recent day) or
 * 1-hour (older days) slot, whatever the sampling rate, so one round per
 * 10 minutes stands in for the agents' one per 10 s without a 60 GB
 * database; the last line compares that with a GROUP BY scan, whose cost
 * grows with the rows (try BENCH_SITES=50 BENCH_STEP_SECONDS=10).
 *
 * Env: BENCH_SITES (1000), BENCH_DAYS (8), BENCH_STEP_SECONDS (600).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { figures } from '../src/store/rollups.js';
import { storeWithSite } from '../src/testing/store.js';
import { dslMeasurementAt } from '../src/trends/fixtures.js';
import { createTrendWatch } from '../src/trends/watch.js';

const sites = Number(process.env.BENCH_SITES ?? 1000);
const days = Number(process.env.BENCH_DAYS ?? 8);
const stepMs = Number(process.env.BENCH_STEP_SECONDS ?? 600) * 1000;
const dayMs = 86_400_000;
const now = Date.UTC(2026, 10, 25, 12);
const from = now - days * dayMs;

const dir = mkdtempSync(join(tmpdir(), 'lw-trends-'));
const { store, orgId, siteId: first } = storeWithSite(join(dir, 'linewatch.db'));
const siteIds = [first];
for (let i = 1; i < sites; i++) {
  siteIds.push(
    store.sites.create(
      orgId,
      {
        name: `Site ${i}`,
        customer: `Customer ${i}`,
        address: `Hauptstraße ${i}, 10115 Berlin`,
        carrier: i % 2 ? 'Telekom' : 'Vodafone',
        accessType: 'dsl',
        contract: { downMbps: 100, upMbps: 40 },
        business: false,
      },
      0,
    ).id,
  );
}

/** Every 20th site's margin falls, every 20th (offset 7) has rising CRC errors, every 20th (offset 13) congested evenings. */
function fill(siteId: string, i: number): void {
  const bootId = randomUUID();
  const items = [];
  let crc = 0;
  for (let t = from, seq = 1; t <= now; t += stepMs, seq++) {
    const recent = t > now - dayMs;
    const hourUtc = new Date(t).getUTCHours();
    crc += ((i % 20 === 7 && recent ? 300 : 5) * stepMs) / 3_600_000;
    items.push(
      dslMeasurementAt(
        bootId,
        seq,
        t,
        {
          downSnrMarginDb: (i % 20 === 0 && recent ? 4 : 10) + ((seq * 7) % 10) / 10,
          crcErrors: Math.round(crc),
          linkRetrains: 0,
        },
        (t - from) / 1000 + 86_400,
        { latencyMs: i % 20 === 13 && hourUtc >= 18 && hourUtc < 22 ? 80 : 14 + (seq % 5) },
      ),
    );
  }
  store.measurements.insertBatch({ orgId, siteId, agentId: `agent-${i}`, receivedAt: now }, items);
}

/**
 * The hourly rollups in one statement instead of the lifecycle's minute-by-minute `rollup` (which
 * would take longer than the rest of the bench); the hour's max latency stands in for its p90.
 */
function hourlyRollups(): void {
  const stats = figures.flatMap((f) => [`MIN(${f})`, `SUM(${f})`, `COUNT(${f})`, `MAX(${f})`]);
  const columns = figures.flatMap((f) => [`${f}_min`, `${f}_sum`, `${f}_n`, `${f}_max`]);
  store.db.exec(`
    INSERT INTO measurements_1h (site_id, bucket_start, org_id, samples, ${columns.join(', ')},
      latency_p50_ms, latency_p90_ms, latency_hist)
    SELECT site_id, t - t % 3600000, org_id, COUNT(*), ${stats.join(', ')}, AVG(latency_ms), MAX(latency_ms), '[]'
    FROM measurements GROUP BY site_id, t - t % 3600000;
    DELETE FROM rollup_dirty;`);
}

let started = performance.now();
siteIds.forEach(fill);
hourlyRollups();
const rows = (store.db.prepare('SELECT COUNT(*) AS n FROM measurements').get() as { n: number }).n;
const fillSeconds = (performance.now() - started) / 1000;
console.log(
  `${sites} sites × ${days} days at ${stepMs / 1000} s: ${rows} rounds, ` +
    `${(statSync(join(dir, 'linewatch.db')).size / 2 ** 20).toFixed(0)} MiB (${fillSeconds.toFixed(0)} s to build)`,
);

const clock = { now: () => now, setTimeout: () => null, clearTimeout: () => {} };
const log = { info: () => {}, error: (o: unknown) => console.error(o) };
for (const pass of ['first run (opens findings)', 'second run (refreshes them)']) {
  const watch = createTrendWatch({ store, clock, log });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  started = performance.now();
  const run = await watch.runOnce();
  delay.disable();
  console.log(
    `${pass}: ${run.durationMs} ms for ${run.sites} sites (${(run.durationMs / run.sites).toFixed(2)} ms/site), ` +
      `${run.holding} findings holding, ${run.opened} opened; event loop delay max ${(delay.max / 1e6).toFixed(0)} ms, ` +
      `p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms`,
  );
}

// the alternative: group every raw row of the window by 10-minute slot (SQLite takes the bare
// column from the row holding MIN(t)); its cost grows with the number of rows, not of slots
const sample = siteIds.slice(0, 50);
const scan = store.db.prepare(
  `SELECT MIN(t) AS t, json_extract(body, '$.router.dsl.downSnrMarginDb') AS snr FROM measurements
   WHERE site_id = ? AND t >= ? AND t < ? GROUP BY t / 600000`,
);
started = performance.now();
for (const id of sample) scan.all(id, now - 8 * dayMs, now);
console.log(
  `for comparison, GROUP BY t / 600000 over 8 days at this density: ${((performance.now() - started) / sample.length).toFixed(2)} ms/site`,
);

store.close();
rmSync(dir, { recursive: true, force: true });
