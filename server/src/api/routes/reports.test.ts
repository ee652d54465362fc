import { join } from 'node:path';
import { AvailabilityReport } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDb } from '../../store/index.js';
import { startTestServer, type TestServer } from '../../testing/fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ timeZone: 'Europe/Berlin' });
});
afterAll(() => server.stop());

const monthOf = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' })
    .format(ms)
    .slice(0, 7);

describe('GET /api/v1/reports/availability', () => {
  it("reports this month's outages of each line from the stored incidents", async () => {
    const site = await server.createSite({ name: 'Praxis Weber' });
    const other = await server.createSite({ name: 'Café Klein' });
    // A second connection to the server's database, as a stand-in for the incident processor's writes.
    const store = createStore(openDb(join(server.dataDir, 'linewatch.db')));
    const now = Date.now();
    const orgId = store.sites.get(store.users.defaultOrgId(now), site.id)?.org_id ?? '';
    const opened = (
      startedAt: number,
      status: 'down' | 'degraded',
      cause: 'line_sync_lost' | 'high_loss' | null,
    ) =>
      store.incidents.create(
        { orgId, kind: 'site', siteId: site.id, status, cause, maintenance: false, startedAt },
        now,
      );
    // Both lines have been watched for the last hour (or since the month began).
    store.db.prepare('UPDATE sites SET created_at = ?').run(now - 3_600_000);
    const id = opened(now - 4 * 60_000, 'down', 'line_sync_lost');
    store.incidents.update(id, { recovered_at: now - 60_000 }, now);
    store.close();

    const res = await server.api(`/api/v1/reports/availability?month=${monthOf(now)}`);
    expect(res.status).toBe(200);
    const report = AvailabilityReport.parse(await res.json());
    expect(report).toMatchObject({ month: monthOf(now), timeZone: 'Europe/Berlin', complete: false });
    const mine = report.sites.find((s) => s.siteId === site.id);
    expect(mine).toMatchObject({
      outages: 1,
      downMs: 3 * 60_000,
      downMsByCause: { line_sync_lost: 3 * 60_000 },
    });
    expect(mine?.uptimePct).toBeLessThan(100);
    expect(report.sites.find((s) => s.siteId === other.id)).toMatchObject({
      outages: 0,
      downMs: 0,
      uptimePct: 100,
    });
  });

  it('says what is wrong with a month that is not one, and needs a login', async () => {
    const bad = await server.api('/api/v1/reports/availability?month=2026-13');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('YYYY-MM');
    expect((await fetch(`${server.url}/api/v1/reports/availability?month=2026-01`)).status).toBe(401);
  });
});
