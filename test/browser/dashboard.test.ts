/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser: it needs the DOM types.
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestingDnsServer, type TestingDnsServer } from '../../agent/src/probes/testing-dns-server.js';
import { type EnrolledAgent, enrollAgent, runAgent } from '../support/agent.js';
import {
  type Browser,
  ensureDashboardBuilt,
  launchChromium,
  logIn,
  newContext,
  type Page,
  seriousA11yViolations,
} from '../support/browser.js';
import { type Proc, root, tcpTarget } from '../support/processes.js';
import { type ServerProc, startServerProcess } from '../support/server.js';

/** Agent keepalive, seconds: the board must show the site down within 1.5 × this + 2 s. */
const keepaliveSeconds = 4;
const screenshots = join(root, 'test/browser/screenshots');

let server: ServerProc;
let browser: Browser;
let page: Page;
let target: { server: Server; address: string };
let router: { server: Server; address: string };
let dns: TestingDnsServer;
const procs: Proc[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  ensureDashboardBuilt();
  server = await startServerProcess({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
  target = await tcpTarget();
  router = await tcpTarget();
  dns = await startTestingDnsServer({ host: '127.0.0.1', port: 0, answer: '192.0.2.10' });
  browser = await launchChromium();
  const context = await newContext(browser, {
    locale: 'en-GB',
    timezoneId: 'America/New_York',
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (message) => {
    // With the URL: "Failed to load resource: 404" alone does not say which.
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
}, 120_000);

afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  await browser?.close();
  server?.kill('SIGTERM');
  await server?.exited;
  target?.server.close();
  router?.server.close();
  await dns?.close();
});

async function expectAccessible(where: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The row of a site on the board. */
const row = (siteId: string) => page.locator(`tr.site-row[data-site-id="${siteId}"]`);

describe('the dashboard in a browser, against the real server and a real agent', { timeout: 60_000 }, () => {
  let siteId = '';
  let agent: EnrolledAgent;
  let agentProc: Proc;

  it('signs in and tells a new shop what to do first', async () => {
    await logIn(page, server.url);
    await page.getByRole('heading', { name: /No lines monitored yet/ }).waitFor();
    await expectAccessible('empty board');
  });

  it('creates a site in the UI and enrolls its agent with the install command shown', async () => {
    await page.getByRole('button', { name: 'Add a line' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Customer', { exact: true }).fill('Bäckerei Schmidt');
    await dialog.getByLabel('Site name', { exact: true }).fill('Filiale Markt');
    await dialog.getByLabel('Address', { exact: true }).fill('Marktplatz 3, 04109 Leipzig');
    await dialog.getByLabel('Carrier', { exact: true }).fill('Telekom');
    await dialog.getByLabel('Download (Mbit/s)', { exact: true }).fill('100');
    await dialog.getByLabel('Upload (Mbit/s)', { exact: true }).fill('40');

    // The modal traps focus: tabbing round never leaves it.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await dialog.getByRole('button', { name: 'Add line' }).click();

    const command = await dialog
      .locator('figure.command code', { hasText: 'linewatch-agent enroll' })
      .textContent();
    const match = /linewatch-agent enroll --server (\S+) --token (\S+)/.exec(command ?? '');
    expect(match?.[1]).toBe(server.url);
    const token = match?.[2] ?? '';

    // Escape closes the dialog; the new line is on the board at once.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    siteId = (await page.locator('tr.site-row').first().getAttribute('data-site-id')) ?? '';
    expect(siteId).toMatch(/^[0-9a-f-]{36}$/);

    agent = await enrollAgent(server, token, () => ({
      keepaliveSeconds,
      intervalSeconds: 1,
      probes: { systemResolver: false, resolvers: [dns.address], dnsNames: ['example.com'], httpUrls: [] },
    }));
    agentProc = runAgent(agent, [
      '--targets',
      target.address,
      '--router',
      router.address.split(':')[0] as string,
    ]);
    procs.push(agentProc);

    await row(siteId).and(page.locator('[data-status="up"]')).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'board.png'), fullPage: true });
    await expectAccessible('board');
  });

  it('shows the site page with charts that have data points, and runs "check now"', async () => {
    await row(siteId).getByRole('link', { name: 'Bäckerei Schmidt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Filiale Markt' }).waitFor();
    await page.getByRole('radio', { name: '1 h' }).check();
    const latency = page.locator('figure.chart[aria-labelledby="chart-latency-title"]');
    await page.waitForFunction(
      () => Number(document.querySelector('figure.chart')?.getAttribute('data-points') ?? 0) >= 2,
      undefined,
      { timeout: 30_000 },
    );
    await expect(latency.locator('.recharts-line-curve').count()).resolves.toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByTestId('check-result').getByText('Result:').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'site.png'), fullPage: true });
    await expectAccessible('site page');
  });

  it('turns the site down live, without a reload, when the agent is killed', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lines' }).click();
    await row(siteId).waitFor();
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });
    agentProc.kill('SIGKILL');
    await row(siteId)
      .and(page.locator('[data-status="down"]'))
      .waitFor({ timeout: (1.5 * keepaliveSeconds + 4) * 1000 });
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await expect(row(siteId).textContent()).resolves.toContain('Monitor silent');
  });

  it('opens the incident: acknowledge, carrier ticket, hotline report', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    const link = page.getByRole('link', { name: /Bäckerei Schmidt/ });
    await link.waitFor({ timeout: 20_000 });
    await link.click();
    await page.getByRole('button', { name: /Acknowledge/ }).click();
    await page.getByTestId('incident-state').getByText('Acknowledged').waitFor();

    await page.getByLabel('Ticket number').fill('TK-4711');
    await page.getByRole('button', { name: 'Save ticket' }).click();
    await page
      .getByTestId('incident-ticket')
      .getByText(/TK-4711/)
      .waitFor();
    await page.getByRole('heading', { name: /Repair deadline/ }).waitFor();

    await page.getByRole('button', { name: /Hotline report/ }).click();
    const report = page.locator('section.report');
    await report.locator('.report-section').first().waitFor();
    await expect(report.textContent()).resolves.toContain('TK-4711');
    await expect(report.getByRole('button', { name: 'Copy the report' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(screenshots, 'incident.png'), fullPage: true });
    await expectAccessible('incident page');
  });

  it('switches the language to German', async () => {
    await page.getByLabel('Language').selectOption('de');
    await page
      .getByRole('navigation', { name: 'Hauptmenü' })
      .getByRole('link', { name: 'Störungen' })
      .waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page
      .getByRole('navigation', { name: 'Hauptmenü' })
      .getByRole('link', { name: 'Leitungen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Leitungen' }).waitFor();
    await expect(row(siteId).textContent()).resolves.toContain('Gestört');
  });

  it('can be used with the keyboard: skip link first, focus visible', async () => {
    await page.reload();
    await page.locator('tr.site-row').first().waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
    });
    expect(first.text).toBe('Zum Inhalt springen');
    expect(first.outline).not.toBe('none');
    // Next come the main navigation links, in order.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Leitungen');
  });

  it('logged no errors to the console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
