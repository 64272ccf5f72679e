import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { findChromium, launchChromium, openReport, quickstartResults } from '../../test/browser/chromium.ts';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { loadHtmlAssets } from './htmlAssets.ts';
import { renderHtml } from './renderHtml.ts';

// The HTML report opened in headless Chromium (Debian's package, driven by playwright-core):
// offline, free of console errors, every chart drawn, tables sorted on a click, a screenshot saved.
const chromiumPath = findChromium();
if (chromiumPath === undefined) {
  console.warn(
    'SKIPPED the HTML report browser tests: no chromium binary (looked at $CHROMIUM_PATH, /usr/bin/chromium, PATH); install it with `apt-get install -y chromium` (.ci/run does).',
  );
}

const VERDICTS = {
  cells: [
    {
      cellId: 'maxTokens=256',
      winner: 'cached+batched',
      text: 'maxTokens=256: cached+batched: goodput +56%, p99 −45%, cost +8% vs direct',
    },
    { cellId: 'maxTokens=1024', winner: null, text: 'maxTokens=1024: no strategy meets the thresholds' },
  ],
  summary: 'cached+batched wins in the one cell that has a winner',
};

/** The simulated fixture with verdicts and a 3-window time series per run: what the data branch will write. */
function withVerdictsAndTimeSeries(): ResultsFile {
  const results = loadFixture('simulated.json') as ResultsFile & { verdicts: unknown };
  results.verdicts = VERDICTS as never;
  results.runs.forEach((run, i) => {
    Object.assign(run, {
      timeSeries: {
        windowMs: 1000,
        windows: [0, 1, 2].map((w) => ({
          startMs: w * 1000,
          started: 5,
          completed: 3 + ((i + w) % 3),
          status429: w === 1 ? i : 0,
          status529: 0,
          status5xx: 0,
          streamDrops: 0,
          inFlight: 2 + w,
          p50Ms: 900 + 10 * i,
          p99Ms: 2000 + 100 * w,
          inputTokens: 1500,
          outputTokens: 200,
          retries: w,
          cacheHits: i,
        })),
      },
    });
  });
  return results;
}

interface Opened {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

describe.skipIf(chromiumPath === undefined)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let quickstart: ResultsFile;
  let quickstartFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bench-html-'));
    [browser, quickstart] = await Promise.all([launchChromium(chromiumPath as string), quickstartResults()]);
    quickstartFile = path.join(dir, 'quickstart.html');
    await writeFile(quickstartFile, renderHtml(quickstart, loadHtmlAssets()));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Opens `file` with every request but file:// aborted, the network offline, and errors recorded. */
  async function open(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    await context.setOffline(true);
    const requests: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file://') ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await openReport(page, file);
    return { page, requests, errors };
  }

  /** Per line chart: how many of its canvas pixels are painted. */
  function paintedPixels(page: Page): Promise<number[]> {
    return page.evaluate(() =>
      [...document.querySelectorAll('.line-chart')].map((chart) => {
        const canvas = chart.querySelector('canvas');
        const context = canvas?.getContext('2d');
        if (canvas === null || canvas === undefined || context === null || context === undefined) return 0;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) painted++;
        return painted;
      }),
    );
  }

  it('is under 1 MB for the quickstart, asks for nothing but its own file, logs no error', async () => {
    expect((await stat(quickstartFile)).size).toBeLessThan(1024 * 1024);
    const { page, requests, errors } = await open(quickstartFile);
    expect(requests).toEqual([`file://${quickstartFile}`]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('draws every chart: a painted canvas per line chart, a bubble per run, a square per heatmap cell', async () => {
    const { page } = await open(quickstartFile);
    const painted = await paintedPixels(page);
    // 4 latency CDFs (one per cell) and the 11 time-series charts of each of the 4 cells.
    expect(painted.length).toBe(48);
    for (const n of painted) expect(n).toBeGreaterThan(2000);
    expect(await page.locator('svg.scatter').count()).toBe(4);
    expect(await page.locator('svg.scatter g.mark circle').count()).toBe(quickstart.runs.length);
    // 5 metrics × 4 strategies × 4 cells.
    expect(await page.locator('svg.heatmap-svg g.mark rect').count()).toBe(5 * 4 * 4);
    // A run writes its time series and verdicts: neither is reported absent.
    expect(await page.locator('#time-series-absent').count()).toBe(0);
    expect(await page.locator('#verdicts-absent').count()).toBe(0);
    expect(await page.locator('li.verdict').count()).toBe(4);
    await page.context().close();
  }, 90_000);

  it('sorts a table by a column on a click, and reverses on a second click', async () => {
    const { page } = await open(quickstartFile);
    const table = page.locator('table.sortable').nth(2);
    const order = () =>
      table.locator('tbody th').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-sort')));
    const cellRuns = quickstart.runs.filter((r) => r.cellId === 'concurrency=20,maxTokens=256');
    const byP99 = [...cellRuns]
      .sort((a, b) => (a.metrics.latencyMs?.p99 ?? 0) - (b.metrics.latencyMs?.p99 ?? 0))
      .map((r) => r.strategy);
    expect(await order()).toEqual(cellRuns.map((r) => r.strategy));
    await table.locator('thead button', { hasText: 'p99 (ms)' }).click();
    expect(await order()).toEqual(byP99);
    expect(await table.locator('thead th', { hasText: 'p99 (ms)' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await table.locator('thead button', { hasText: 'p99 (ms)' }).click();
    expect(await order()).toEqual([...byP99].reverse());
    await page.context().close();
  });

  it('shows the verdicts of results.json at the top and draws the time series when the file has them', async () => {
    const file = path.join(dir, 'with-data.html');
    await writeFile(file, renderHtml(withVerdictsAndTimeSeries(), loadHtmlAssets()));
    const { page, errors } = await open(file, 'dark');
    expect(errors).toEqual([]);
    expect(await page.locator('li.verdict').allTextContents()).toEqual(VERDICTS.cells.map((c) => c.text));
    expect(await page.locator('.verdict-summary').textContent()).toBe(VERDICTS.summary);
    const painted = await paintedPixels(page);
    // 2 CDFs, then per cell 11 time-series charts (every field is present).
    expect(painted.length).toBe(2 + 2 * 11);
    for (const n of painted) expect(n).toBeGreaterThan(1000);
    await page.context().close();
  });

  it('saves a screenshot of the whole page', async () => {
    const { page } = await open(quickstartFile);
    const shot = path.join(dir, 'quickstart.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(50_000);
    console.log(`screenshot of the quickstart report: ${shot}`);
    await page.context().close();
  });
});
