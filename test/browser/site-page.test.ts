/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser: it needs the DOM types.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { MeasurementSeries, SiteDetail } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestingDnsServer, type TestingDnsServer } from '../../agent/src/probes/testing-dns-server.js';
import { type RouterEmulator, startRouterEmulator } from '../../agent/src/testing/router-emulator/index.js';
import { enrollAgent, runAgent } from '../support/agent.js';
import {
  type Browser,
  ensureDashboardBuilt,
  launchChromium,
  logIn,
  openPage,
  type Page,
  seriousA11yViolations,
} from '../support/browser.js';
import { type Proc, root, tcpTarget } from '../support/processes.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

/**
 * The site page of a DSL line whose box reads an emulated FRITZ!Box over
 * TR-064: charts of the sync rates against the contract, SNR margins, CRC
 * errors and DNS time drawn from real samples, and the box's facts in
 * words. The shop is in Tokyo, the browser in New York: dates follow the
 * shop.
 */
const shopTimeZone = 'Asia/Tokyo';
const routerLogin = { user: 'admin', password: 'router secret' };
const agentVersion = (
  JSON.parse(readFileSync(join(root, 'agent/package.json'), 'utf8')) as { version: string }
).version;

let server: ServerProc;
let browser: Browser;
let page: Page;
let router: RouterEmulator;
let target: { server: Server; address: string };
let dns: TestingDnsServer;
let agentProc: Proc | undefined;
let siteId = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  ensureDashboardBuilt();
  server = await startServerProcess({ LINEWATCH_TIME_ZONE: shopTimeZone });
  router = await startRouterEmulator({ scenario: 'dsl_up', ...routerLogin });
  router.model.crcStepPerRead = 3;
  target = await tcpTarget();
  dns = await startTestingDnsServer({ host: '127.0.0.1', port: 0, answer: '192.0.2.10' });
  browser = await launchChromium();
  page = await openPage(browser, consoleErrors, { timezoneId: 'America/New_York' });

  const site = await server.createSite({
    name: 'Praxis am Markt',
    accessType: 'dsl',
    contract: { downMbps: 250, upMbps: 40 },
  });
  siteId = site.id;
  const agent = await enrollAgent(server, site.enrollmentToken, () => ({
    keepaliveSeconds: 5,
    intervalSeconds: 1,
    probes: {
      systemResolver: false,
      resolvers: [dns.address],
      dnsNames: ['example.com'],
      httpUrls: [],
      icmp: false,
      timeoutMs: 1000,
      attempts: 1,
    },
  }));
  agentProc = runAgent(agent, ['--targets', target.address, '--router', `127.0.0.1:${router.port}`], {
    LINEWATCH_ROUTER_USER: routerLogin.user,
    LINEWATCH_ROUTER_PASSWORD: routerLogin.password,
  });
  // Enough rounds with the router's DSL figures for lines, not single dots.
  await eventually(async () => {
    const res = await server.api(`/api/v1/sites/${siteId}/measurements?step=500`);
    const series = MeasurementSeries.parse(await res.json());
    return series.points.filter((p) => p.syncDownKbps !== null && p.crcErrors !== null).length >= 5;
  }, 60_000);
}, 120_000);

afterAll(async () => {
  agentProc?.kill('SIGKILL');
  await browser?.close();
  server?.kill('SIGTERM');
  await server?.exited;
  await router?.close();
  target?.server.close();
  await dns?.close();
});

/** The chart of one figure. */
const chart = (id: string) => page.locator(`figure.chart[aria-labelledby="${id}-title"]`);

/** How many points each line of a chart is drawn through (the commands of its SVG path). */
const drawnPoints = (id: string) =>
  chart(id)
    .locator('path.recharts-line-curve')
    .evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0));

async function waitForPoints(id: string, atLeast: number): Promise<void> {
  await page.waitForFunction(
    ([selector, n]) =>
      Number(document.querySelector(selector as string)?.getAttribute('data-points') ?? 0) >= n,
    [`figure.chart[aria-labelledby="${id}-title"]`, atLeast] as const,
    { timeout: 30_000 },
  );
}

describe('the site page of a DSL line, with a real agent reading an emulated FRITZ!Box', {
  timeout: 90_000,
}, () => {
  it('charts the sync rates against the contract, SNR margins, CRC errors and DNS time', async () => {
    await logIn(page, server.url);
    await page.goto(`${server.url}/sites/${siteId}`);
    await page.getByRole('heading', { level: 1, name: 'Praxis am Markt' }).waitFor();
    await page.getByRole('radio', { name: '1 h' }).check();
    for (const id of ['chart-sync', 'chart-snr', 'chart-crc', 'chart-dns']) await waitForPoints(id, 5);

    // two lines each (down and up), drawn through every point
    for (const id of ['chart-sync', 'chart-snr']) {
      const lines = await drawnPoints(id);
      expect(lines, id).toHaveLength(2);
      for (const n of lines) expect(n, id).toBeGreaterThanOrEqual(5);
    }
    for (const id of ['chart-crc', 'chart-dns']) {
      expect((await drawnPoints(id))[0], id).toBeGreaterThanOrEqual(5);
    }
    // the contracted 250 and 40 Mbit/s as reference lines
    await expect(chart('chart-sync').locator('.recharts-reference-line').count()).resolves.toBe(2);
    await expect(chart('chart-sync').textContent()).resolves.toContain('contract down');
  });

  it("tells the box's version, uptime and clock in words, dated in the shop's time zone", async () => {
    const facts = page.getByTestId('agent-facts');
    await facts.getByText(`linewatch-agent ${agentVersion}`).waitFor();
    await expect(page.getByTestId('agent-clock').textContent()).resolves.toMatch(/Clock synced/);
    await expect(facts.textContent()).resolves.toMatch(/nothing — all delivered/);

    const { agent } = SiteDetail.parse(await (await server.api(`/api/v1/sites/${siteId}`)).json());
    const bootedAt = agent?.bootedAt ?? '';
    const title = await facts.locator(`time[datetime="${bootedAt}"]`).getAttribute('title');
    const inTokyo = new Intl.DateTimeFormat('en-GB', {
      timeZone: shopTimeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(Date.parse(bootedAt));
    expect(title).toContain(inTokyo);
  });

  it('passes axe without serious or critical violations, and logged no console errors', async () => {
    await page.screenshot({ path: join(root, 'test/browser/screenshots/site-dsl.png'), fullPage: true });
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
