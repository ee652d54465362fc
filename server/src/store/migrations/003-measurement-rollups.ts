import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 3,
  name: 'measurement rollups',
  sql: `
-- per-site aggregates that outlive the raw rows. Per figure: min, sum and
-- count of non-null values (so re-aggregation and the sample-weighted
-- average, e.g. of loss_pct, stay exact), max. latency_hist: counts over
-- the fixed log-spaced edges of store/latency-histogram.ts, a JSON array
-- with trailing zeros dropped; the hourly histogram is the sum of its
-- minutes', so p50/p90 stay within one histogram bucket of the truth.
CREATE TABLE measurements_1m (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  bucket_start INTEGER NOT NULL,
  org_id TEXT NOT NULL,
  samples INTEGER NOT NULL,
  gateway_rtt_ms_min REAL, gateway_rtt_ms_sum REAL, gateway_rtt_ms_n INTEGER NOT NULL, gateway_rtt_ms_max REAL,
  latency_ms_min REAL, latency_ms_sum REAL, latency_ms_n INTEGER NOT NULL, latency_ms_max REAL,
  loss_pct_min REAL, loss_pct_sum REAL, loss_pct_n INTEGER NOT NULL, loss_pct_max REAL,
  jitter_ms_min REAL, jitter_ms_sum REAL, jitter_ms_n INTEGER NOT NULL, jitter_ms_max REAL,
  latency_p50_ms REAL,
  latency_p90_ms REAL,
  latency_hist TEXT NOT NULL,
  PRIMARY KEY (site_id, bucket_start)
) WITHOUT ROWID;
CREATE TABLE measurements_1h (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  bucket_start INTEGER NOT NULL,
  org_id TEXT NOT NULL,
  samples INTEGER NOT NULL,
  gateway_rtt_ms_min REAL, gateway_rtt_ms_sum REAL, gateway_rtt_ms_n INTEGER NOT NULL, gateway_rtt_ms_max REAL,
  latency_ms_min REAL, latency_ms_sum REAL, latency_ms_n INTEGER NOT NULL, latency_ms_max REAL,
  loss_pct_min REAL, loss_pct_sum REAL, loss_pct_n INTEGER NOT NULL, loss_pct_max REAL,
  jitter_ms_min REAL, jitter_ms_sum REAL, jitter_ms_n INTEGER NOT NULL, jitter_ms_max REAL,
  latency_p50_ms REAL,
  latency_p90_ms REAL,
  latency_hist TEXT NOT NULL,
  PRIMARY KEY (site_id, bucket_start)
) WITHOUT ROWID;

-- buckets whose inputs changed since they were last aggregated: the
-- trigger marks the minute of every stored sample, including one replayed
-- hours late, so rollup re-opens exactly the buckets that need it
CREATE TABLE rollup_dirty (
  width_ms INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY (width_ms, bucket_start, site_id)
) WITHOUT ROWID;
CREATE TRIGGER measurements_rollup_dirty AFTER INSERT ON measurements BEGIN
  INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  VALUES (60000, NEW.t - NEW.t % 60000, NEW.site_id) ON CONFLICT DO NOTHING;
END;
-- samples stored before this migration get rolled up too
INSERT INTO rollup_dirty (width_ms, bucket_start, site_id)
  SELECT DISTINCT 60000, t - t % 60000, site_id FROM measurements WHERE true ON CONFLICT DO NOTHING;

-- watermarks and last-run times of the rollup/retention loop
CREATE TABLE lifecycle_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
`,
};
