/// <reference lib="dom" />
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, logIn, openPage, type Page, seriousA11yViolations } from '../support/browser.js';
import { endBrowserSession, startBrowserSession } from '../support/browser-session.js';
import { root } from '../support/processes.js';
import type { ServerProc } from '../support/server.js';

/** Users in the browser: an admin adds a technician, who sees the shop but cannot change its settings. */

const screenshots = join(root, 'test/browser/screenshots');
let server: ServerProc;
let browser: Browser;
let admin: Page;
const consoleErrors: string[] = [];

const page = () => openPage(browser, consoleErrors);

beforeAll(async () => {
  ({ server, browser, page: admin } = await startBrowserSession(consoleErrors));
}, 120_000);
afterAll(() => endBrowserSession({ server, browser }));

describe('users and roles in a browser', { timeout: 60_000 }, () => {
  let password = '';

  it('lets an admin add a technician and shows the generated password once', async () => {
    await logIn(admin, server.url);
    await admin.goto(`${server.url}/settings#users`);
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Add a colleague' }) });
    await form.getByLabel('E-mail address').fill('tech@shop.example');
    await form.getByLabel('Role').selectOption('technician');
    await form.getByRole('button', { name: 'Add user' }).click();
    await admin.getByText(/The password of tech@shop.example/).waitFor();
    password = (await form.locator('code').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await admin.getByRole('combobox', { name: 'Role of tech@shop.example' }).waitFor();
    const violations = await seriousA11yViolations(admin);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await admin.locator('#users').screenshot({ path: join(screenshots, 'settings-users.png') });
  });

  it('shows the technician everything, but no way to change the settings', async () => {
    const site = await server.createSite({ name: 'Laden' });
    const tech = await page();
    await tech.goto(server.url);
    await tech.getByLabel(/E-mail/).fill('tech@shop.example');
    await tech.getByLabel(/^Password$/).fill(password);
    await tech.getByRole('button', { name: 'Sign in' }).click();
    await tech.locator('.main-nav').waitFor();
    await tech.getByText('Technician').first().waitFor();
    await tech.locator(`tr.site-row[data-site-id="${site.id}"]`).waitFor();
    expect(await tech.getByRole('button', { name: /Add a line/ }).count()).toBe(0);
    await tech.goto(`${server.url}/sites/${site.id}`);
    await tech.getByRole('heading', { name: 'Laden' }).waitFor();
    expect(await tech.getByRole('button', { name: 'Edit line' }).count()).toBe(0);
    await tech.goto(`${server.url}/settings#alerts`);
    await tech.getByText('Only an administrator can change these settings.').waitFor();
    await expect(tech.getByRole('button', { name: 'Add channel' }).isDisabled()).resolves.toBe(true);
    expect(await tech.getByRole('heading', { name: 'Add a colleague' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
