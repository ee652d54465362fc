import { type Browser, ensureDashboardBuilt, launchChromium, openPage, type Page } from './browser.js';
import { type ServerProc, startServerProcess } from './server.js';

/** What a browser test file works with: the real server process, Chromium and a first page. */
export interface BrowserSession {
  server: ServerProc;
  browser: Browser;
  page: Page;
}

/**
 * Builds the dashboard if needed, starts the server process (with `env`
 * added to its environment), Chromium and a page whose console errors go
 * to `consoleErrors`. Call in `beforeAll`; end with {@link endBrowserSession}.
 *
 * @example
 * beforeAll(async () => ({ server, browser, page } = await startBrowserSession(consoleErrors)), 120_000);
 * afterAll(() => endBrowserSession({ server, browser }));
 */
export async function startBrowserSession(
  consoleErrors: string[],
  env: Record<string, string> = {},
): Promise<BrowserSession> {
  ensureDashboardBuilt();
  const server = await startServerProcess(env);
  const browser = await launchChromium();
  const page = await openPage(browser, consoleErrors);
  return { server, browser, page };
}

/** Closes Chromium and stops the server; either may be missing when the start failed. */
export async function endBrowserSession(s: {
  server?: ServerProc | undefined;
  browser?: Browser | undefined;
}): Promise<void> {
  await s.browser?.close();
  s.server?.kill('SIGTERM');
  await s.server?.exited;
}
