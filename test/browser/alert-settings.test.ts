/// <reference lib="dom" />
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../server/src/alerts/testing/smtp-sink.js';
import { type Browser, logIn, type Page, seriousA11yViolations } from '../support/browser.js';
import { endBrowserSession, startBrowserSession } from '../support/browser-session.js';
import { root } from '../support/processes.js';
import type { ServerProc } from '../support/server.js';

/**
 * Issue 6's "send test" from the dashboard: a shop adds a contact, an
 * e-mail channel to its mail server (an SMTP server on loopback), sends a
 * test message and sees the server's answer — a refusal first, then the
 * delivery — and adds the policy that routes alerts to it.
 */

const screenshots = join(root, 'test/browser/screenshots');
let server: ServerProc;
let sink: SmtpSink;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  ({ server, browser, page } = await startBrowserSession(consoleErrors));
}, 120_000);

afterAll(async () => {
  await endBrowserSession({ server, browser });
  await sink?.close();
});

describe('alert settings in a browser, against the real server and an SMTP server', {
  timeout: 60_000,
}, () => {
  it('says what to do while nothing is set up, and adds a contact', async () => {
    await logIn(page, server.url);
    await page.goto(`${server.url}/settings#alerts`);
    await page.getByText(/No channel yet/).waitFor();
    await page.getByText(/No policy yet: nobody is alerted/).waitFor();
    const contacts = page.locator('form', { has: page.getByRole('heading', { name: 'Add a contact' }) });
    await contacts.getByLabel('Name', { exact: true }).fill('Jana Kurz');
    await contacts.getByLabel('E-mail address').fill('jana@shop.example');
    await contacts.getByLabel('Mobile number').fill('0049 157 90123456');
    await contacts.getByRole('button', { name: 'Add contact' }).click();
    await page.getByText('+4915790123456').waitFor();
  });

  it('adds an e-mail channel with a recipient from the contacts, and shows a refused test in words', async () => {
    await page.getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New alert channel' });
    await dialog.getByLabel('Name', { exact: true }).fill('Shop mail');
    await dialog.getByLabel('Mail server').fill('127.0.0.1');
    await dialog.getByLabel('Port (optional)').fill(String(sink.port));
    await dialog.getByLabel('Encryption').selectOption('none');
    await dialog.getByLabel('Sender address').fill('alerts@shop.example');
    await dialog.getByRole('button', { name: /Jana Kurz/ }).click();
    await expect(dialog.getByLabel('Recipients').inputValue()).resolves.toBe('jana@shop.example');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Goes to: jana@shop.example').waitFor();

    sink.trouble({ stage: 'rcpt', code: 550, message: 'No such mailbox' });
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page.getByText('The test message did not go through.').waitFor();
    await page.getByText(/refused .*No such mailbox.*trying again will not help/).waitFor();
    expect(sink.received).toHaveLength(0);
  });

  it('sends a test message that reaches the mail server, and shows it accepted', async () => {
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page.getByText('The test message was accepted.').waitFor();
    const [mail] = await sink.waitFor(1);
    expect(mail?.recipients).toEqual(['jana@shop.example']);
    expect(mail?.envelopeFrom).toBe('alerts@shop.example');
    await page.getByRole('button', { name: 'Recent messages' }).click();
    await page.getByRole('cell', { name: 'sent' }).first().waitFor();
  });

  it('adds a policy routing every outage to the channel', async () => {
    await page.getByRole('button', { name: 'Add policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'New policy' });
    await dialog.getByLabel('Name', { exact: true }).fill('Every outage');
    await dialog.getByLabel('Hold messages at certain hours').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/Every outage/).waitFor();
    await page.getByText(/quiet 22:00–07:00/).waitFor();
    const policies = (await (await server.api('/api/v1/alert-policies')).json()) as { name: string }[];
    expect(policies.map((p) => p.name)).toEqual(['Every outage']);
  });

  it("switches a line's customer notice on, and says which kind of channel an SMS would need", async () => {
    const site = await server.createSite({ name: 'Bäckerei', customer: 'Bäckerei Korn' });
    await page.goto(`${server.url}/sites/${site.id}`);
    const notice = page.locator('section', { has: page.getByRole('heading', { name: 'Customer notice' }) });
    await notice.getByLabel('Tell Bäckerei Korn about outages').check();
    await notice.getByRole('button', { name: 'Save customer notice' }).click();
    await notice.getByText('Enter a mobile number or an e-mail address').waitFor();
    // Only an e-mail channel exists: a number alone would need an SMS channel.
    await notice.getByLabel('Customer’s mobile number (SMS)').fill('0176 1234 5678');
    await notice.getByText(/An SMS needs an SMS channel/).waitFor();
    await notice.getByLabel('Customer’s mobile number (SMS)').fill('');
    await notice.getByLabel('Customer’s e-mail address').fill('kasse@baeckerei.example');
    await notice.getByRole('button', { name: 'Save customer notice' }).click();
    await notice.getByText('Customer notice saved.').waitFor();
    const saved = await (await server.api(`/api/v1/sites/${site.id}/alert-settings`)).json();
    expect(saved).toMatchObject({ customerNotice: true, customerEmail: 'kasse@baeckerei.example' });
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.goto(`${server.url}/settings#alerts`);
  });

  it('is accessible and clean', async () => {
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.locator('#alerts').screenshot({ path: join(screenshots, 'settings-alerts.png') });
    expect(consoleErrors).toEqual([]);
  });
});
