/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser: it needs the DOM types.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { root } from './processes.js';
import { admin } from './server.js';

/** Debian's Chromium (`npx playwright install` cannot download browsers here). */
export const chromiumPath = process.env.LINEWATCH_CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in
 * `__name(…)`; functions handed to `page.evaluate` carry that call into the
 * page, which must therefore define it.
 */
const keepNamesShim = 'globalThis.__name = (fn) => fn;';

/** Starts headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** A browser context whose pages can run functions compiled by tsx (see {@link keepNamesShim}). */
export async function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: keepNamesShim });
  return context;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the dashboard (`dashboard/dist`, which the server serves) unless a
 * build newer than every source file is there already.
 */
export function ensureDashboardBuilt(): void {
  const index = join(root, 'dashboard/dist/index.html');
  const sources = Math.max(newestMtime(join(root, 'dashboard/src')), newestMtime(join(root, 'shared/src')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const vite = join(root, 'node_modules/.bin/vite');
  // NODE_ENV as vitest sets it ('test') would make Vite bundle React's development build.
  const result = spawnSync(vite, ['build', 'dashboard'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Signs in through the login form. */
export async function logIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/E-mail|E-Mail/).fill(admin.email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(admin.password);
  await page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.locator('.main-nav').waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
        }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A page in a fresh English context (1280 × 900), 20 s default timeout,
 * collecting console errors and uncaught page errors into `errors` (with
 * the URL: "Failed to load resource: 404" alone does not say which).
 */
export async function openPage(
  browser: Browser,
  errors: string[],
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> {
  const context = await newContext(browser, {
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return page;
}
