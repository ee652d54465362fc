/**
 * Board render benchmark: the built dashboard in headless Chromium against
 * the real server holding 5,000 sites. Prints the time to render the board
 * after a page load, the time to apply a search and a status filter, and
 * the long tasks (> 50 ms) while scrolling through the whole list.
 *
 *   node --import tsx dashboard/bench/board.ts [sites]
 *
 * Timings are medians of a few runs, taken inside the page with
 * `performance.now()`; they print, they do not pass or fail.
 */
import type { SiteCreate } from '@linewatch/shared';
import {
  ensureDashboardBuilt,
  launchChromium,
  logIn,
  newContext,
  type Page,
} from '../../test/support/browser.js';
import { startServerProcess } from '../../test/support/server.js';

const siteCount = Number(process.argv[2] ?? 5_000);
const runs = 5;
const carriers = ['Telekom', 'Vodafone', 'O2', '1&1', 'Deutsche Glasfaser', 'EWE', 'M-net'] as const;
const towns = ['Leipzig', 'Dresden', 'Berlin', 'Hamburg', 'München', 'Köln', 'Erfurt', 'Halle'] as const;

function site(i: number): SiteCreate {
  const town = towns[i % towns.length] ?? 'Berlin';
  return {
    name: i % 3 === 0 ? 'Hauptbüro' : `Filiale ${i}`,
    customer: `Kunde ${String(i).padStart(5, '0')} ${town}`,
    address: `Hauptstraße ${i % 200}, ${String(10_000 + ((i * 37) % 89_000)).padStart(5, '0')} ${town}`,
    carrier: carriers[i % carriers.length] ?? 'Telekom',
    accessType: i % 4 === 0 ? 'fibre' : 'dsl',
    contract: { downMbps: 100, upMbps: 40 },
    business: i % 5 === 0,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Time from a change to the input until the board shows the new result count (and has painted). */
async function timeInput(page: Page, selector: string, value: string): Promise<number> {
  return page.evaluate(
    ([selector, value]: readonly [string, string]) =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
        const count = document.querySelector('[data-testid="result-count"]');
        if (!input || !count) throw new Error(`no ${selector} or result count`);
        const before = count.textContent;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (count.textContent === before) return;
          observer.disconnect();
          // Two frames: the new rows are laid out and painted.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
        });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
        const proto =
          input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value);
        input.dispatchEvent(
          new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
        );
      }),
    [selector, value] as const,
  );
}

async function main() {
  ensureDashboardBuilt();
  const server = await startServerProcess();
  const browser = await launchChromium();
  try {
    const seedStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < siteCount) {
          const i = next++;
          const res = await server.api('/api/v1/sites', { method: 'POST', body: JSON.stringify(site(i)) });
          if (res.status !== 201) throw new Error(`create site ${i}: ${res.status} ${await res.text()}`);
        }
      }),
    );
    console.log(`seeded ${siteCount} sites through the API in ${ms(performance.now() - seedStart)}`);

    const context = await newContext(browser, { viewport: { width: 1366, height: 900 }, locale: 'de-DE' });
    const page = await context.newPage();
    await logIn(page, server.url);

    const render: number[] = [];
    const search: number[] = [];
    const status: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(server.url);
      await page.waitForFunction(
        () => performance.getEntriesByName('linewatch:board-rendered').length > 0,
        undefined,
        {
          timeout: 60_000,
        },
      );
      render.push(
        await page.evaluate(
          () => performance.getEntriesByName('linewatch:board-rendered')[0]?.startTime ?? Number.NaN,
        ),
      );
      const rows = await page.locator('tr.site-row').count();
      if (run === 0) console.log(`rows in the DOM (virtualised): ${rows} of ${siteCount}`);
      search.push(await timeInput(page, '#site-search', `Kunde 0${run}`));
      await timeInput(page, '#site-search', '');
      status.push(await timeInput(page, '#status-filter', 'unknown'));
    }

    // Scroll at a fast flick (5,000 px/s, ~65 rows a second) for 3 s; count slow frames and long tasks meanwhile.
    await page.goto(server.url);
    await page.locator('tr.site-row').first().waitFor();
    const scroll = await page.evaluate(
      () =>
        new Promise<{ frames: number; slowFrames: number; longTasks: number; longestTaskMs: number }>(
          (resolve) => {
            const tasks: number[] = [];
            const observer = new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) tasks.push(entry.duration);
            });
            observer.observe({ type: 'longtask', buffered: false });
            const pxPerMs = 5;
            const durationMs = 3_000;
            const start = performance.now();
            let last = start;
            let frames = 0;
            let slowFrames = 0;
            const step = (now: number) => {
              frames += 1;
              if (now - last > 50) slowFrames += 1;
              last = now;
              window.scrollTo(0, (now - start) * pxPerMs);
              if (now - start < durationMs) requestAnimationFrame(step);
              else {
                observer.disconnect();
                resolve({
                  frames,
                  slowFrames,
                  longTasks: tasks.length,
                  longestTaskMs: Math.max(0, ...tasks),
                });
              }
            };
            requestAnimationFrame(step);
          },
        ),
    );

    console.log(`board with ${siteCount} sites (median of ${runs}):`);
    console.log(`  render after page load: ${ms(median(render))}  (runs: ${render.map(ms).join(', ')})`);
    console.log(`  search (type a query):  ${ms(median(search))}`);
    console.log(`  status filter:          ${ms(median(status))}`);
    console.log(
      `  scroll 5,000 px/s for 3 s: ${scroll.frames} frames, ${scroll.slowFrames} over 50 ms, ${scroll.longTasks} long tasks (longest ${ms(scroll.longestTaskMs)})`,
    );
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await server.exited;
  }
}

await main();
