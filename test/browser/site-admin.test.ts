/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, logIn, openPage, type Page, seriousA11yViolations } from '../support/browser.js';
import { endBrowserSession, startBrowserSession } from '../support/browser-session.js';
import type { ServerProc } from '../support/server.js';

/** Looking after a line from its page: edit it, set up a replacement box, delete it. */

let server: ServerProc;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  ({ server, browser, page } = await startBrowserSession(consoleErrors));
}, 120_000);
afterAll(() => endBrowserSession({ server, browser }));

describe('a line’s page in a browser, against the real server', { timeout: 60_000 }, () => {
  it('edits the line; the board and the server show the change', async () => {
    const site = await server.createSite({ name: 'Laden', customer: 'Eva Roth', carrier: 'Telekom' });
    await logIn(page, server.url);
    await page.goto(`${server.url}/sites/${site.id}`);
    await page.getByRole('button', { name: 'Edit line' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Laden' });
    await dialog.getByLabel('Carrier').fill('Vodafone');
    await dialog.getByLabel('Download (Mbit/s)').fill('250');
    await dialog.getByLabel('Monthly fee in € (optional)').fill('44,90');
    await expect(seriousA11yViolations(page)).resolves.toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The area was not touched: it still follows the postcode.
    expect(await server.site(site.id)).toMatchObject({
      carrier: 'Vodafone',
      contract: { downMbps: 250 },
      monthlyFeeCents: 4490,
      area: site.area,
    });
    await page.getByRole('link', { name: /All lines/ }).click();
    await page.locator(`tr.site-row[data-site-id="${site.id}"]`).getByText('Vodafone').waitFor();
  });

  it('issues a new install command for a replacement box, and deletes the line', async () => {
    const site = await server.createSite({ name: 'Filiale', customer: 'Eva Roth' });
    await page.goto(`${server.url}/sites/${site.id}`);
    await page.getByRole('button', { name: 'Replace box' }).click();
    await page.getByRole('button', { name: 'Create new token' }).click();
    const token = (await page.locator('.enrollment code').first().textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(16);
    expect(token).not.toBe(site.enrollmentToken);
    await page.getByRole('button', { name: 'Done' }).click();
    // The new token enrolls a box; the original one no longer does.
    const enrolled = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, hostname: 'new-box' }),
    });
    expect(enrolled.status).toBe(200);
    const original = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: site.enrollmentToken, hostname: 'old-box' }),
    });
    expect(original.status).toBe(401);

    // A colleague's board, open meanwhile, drops the line without a reload.
    const board = await openPage(browser, consoleErrors);
    await logIn(board, server.url);
    const row = board.locator(`tr.site-row[data-site-id="${site.id}"]`);
    await row.waitFor();

    await page.getByRole('button', { name: 'Delete line' }).click();
    await page.getByRole('button', { name: 'Delete Filiale with all its history' }).click();
    await page.waitForURL(`${server.url}/`);
    await row.waitFor({ state: 'detached' });
    await board.context().close();
    expect((await server.api(`/api/v1/sites/${site.id}`)).status).toBe(404);
    expect(consoleErrors).toEqual([]);
  });
});
