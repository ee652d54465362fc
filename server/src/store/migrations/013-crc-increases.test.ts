import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db.js';
import { rollup } from '../rollups.js';
import { migrations } from './index.js';

/**
 * Upgrading a database that rolled CRC errors up the way migration 10 did
 * (the counter's min and max per bucket): its minutes are recomputed from
 * their raw rows as the sum of the increases.
 */
describe('migration 13', () => {
  it('recomputes the CRC figures of buckets rolled up before it', async () => {
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    for (const m of migrations.filter((m) => m.version < 13)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
    }
    db.exec(`INSERT INTO orgs (id, name, created_at) VALUES ('o', 'Shop', 0);
      INSERT INTO sites (id, org_id, name, customer, address, carrier, access_type, contract_down_mbps,
        contract_up_mbps, status_since, created_at) VALUES ('s', 'o', 'L', 'C', 'A', 'Telekom', 'dsl', 100, 40, 0, 0)`);
    const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);
    const insert =
      db.prepare(`INSERT INTO measurements (org_id, site_id, agent_id, boot_id, seq, t, received_at,
      diag_status, body, crc_errors) VALUES ('o', 's', 'a', 'b', ?, ?, ?, 'up', '{}', ?)`);
    // a resync inside the minute: migration 10 made max − min = 4997 of it
    for (const [i, crc] of [4990, 5000, 3, 9, 12, 12].entries()) {
      insert.run(i, t0 + i * 10_000, t0 + i * 10_000, crc);
    }
    db.exec('DELETE FROM rollup_dirty');
    db.prepare(`INSERT INTO measurements_1m (site_id, bucket_start, org_id, samples, gateway_rtt_ms_n, latency_ms_n,
      loss_pct_n, jitter_ms_n, latency_hist, crc_errors_min, crc_errors_sum, crc_errors_n, crc_errors_max)
      VALUES ('s', ?, 'o', 6, 0, 0, 0, 0, '[]', 3, 10026, 6, 5000)`).run(t0);

    expect(migrate(db)).toBe(1);
    await rollup(db, { fromMs: 0, toMs: t0 + 2 * 3_600_000 });
    const minute = db.prepare('SELECT crc_increase_sum, crc_increase_n FROM measurements_1m').get();
    expect(minute).toEqual({ crc_increase_sum: 22, crc_increase_n: 5 });
    expect(db.prepare('SELECT crc_increase_sum FROM measurements_1h').get()).toEqual({
      crc_increase_sum: 22,
    });
  });
});
