/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLog } from '../../server/sim/quiet-log.js';
import { ServerConfig } from '../../server/src/config/schema.js';
import { type RunningServer, startServer } from '../../server/src/server.js';
import {
  type Browser,
  ensureDashboardBuilt,
  launchChromium,
  logIn,
  openPage,
  type Page,
  seriousA11yViolations,
} from '../support/browser.js';
import { root } from '../support/processes.js';
import { admin } from '../support/server.js';

/**
 * The board when the server itself is cut off: its own uplink probes fail
 * (here a stand-in answers as the test says, so nothing leaves loopback), the
 * board says silent boxes are not reported as outages — and takes the
 * notice away, live, once the uplink is back.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let page: Page;
let uplinkDown = true;
const consoleErrors: string[] = [];

beforeAll(async () => {
  ensureDashboardBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'lw-cutoff-'));
  const config = ServerConfig.parse({
    host: '127.0.0.1',
    httpPort: 0,
    mqttPort: 0,
    dataDir,
    adminEmail: admin.email,
    adminPassword: admin.password,
    uplinkTargets: 'uplink-1.example:443,uplink-2.example:443',
  });
  server = await startServer(config, { log: quietLog, uplinkProbe: async () => uplinkDown });
  browser = await launchChromium();
  page = await openPage(browser, consoleErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the board while the server is cut off', { timeout: 60_000 }, () => {
  it('says that silent boxes are not reported as outages, and stops saying so once it is back', async () => {
    const url = `http://127.0.0.1:${server.httpPort}`;
    await logIn(page, url);
    const notice = page.getByText('The linewatch server has lost its own internet connection', {
      exact: false,
    });
    await notice.waitFor();
    await page.getByText(/Boxes that fall silent now are not reported as outages/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(root, 'test/browser/screenshots/board-cut-off.png') });
    uplinkDown = false;
    // The next probe round (every 15 s) finds the uplink; the live feed tells the board.
    await notice.waitFor({ state: 'detached', timeout: 40_000 });
    expect(consoleErrors).toEqual([]);
  });
});
