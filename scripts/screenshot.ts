/**
 * `npm run screenshot`: renders the quickstart's HTML report (simulated, its fixed seed) and saves
 * a screenshot of it to docs/report-quickstart.png (the README shows it), through Debian's
 * chromium (`apt-get install -y chromium`, or set CHROMIUM_PATH).
 *
 * Usage: npm run screenshot [-- --out FILE.png] [-- --dark]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadHtmlAssets } from '../reports/html/htmlAssets.ts';
import { renderHtml } from '../reports/html/renderHtml.ts';
import {
  findChromium,
  launchChromium,
  openReport,
  quickstartResults,
  REPO_ROOT,
} from '../test/browser/chromium.ts';

/** Most height of the screenshot (px at 1280 wide). */
const SHOT_HEIGHT = 2800;

const { values } = parseArgs({
  options: { out: { type: 'string' }, dark: { type: 'boolean', default: false } },
});
const out = path.resolve(values.out ?? path.join(REPO_ROOT, 'docs', 'report-quickstart.png'));
const executablePath = findChromium();
if (executablePath === undefined) {
  console.error('no chromium binary: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  process.exit(2);
}
const dir = await mkdtemp(path.join(tmpdir(), 'bench-screenshot-'));
const browser = await launchChromium(executablePath);
try {
  const file = path.join(dir, 'report.html');
  await writeFile(file, renderHtml(await quickstartResults(), loadHtmlAssets(), { environment: false }));
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    colorScheme: values.dark ? 'dark' : 'light',
  });
  await openReport(page, file);
  // The top of the page down to the latency CDFs (verdict, trade-off, latency): a README image, not the whole report.
  const bottom = await page.evaluate(
    () => document.getElementById('latency')?.getBoundingClientRect().bottom ?? 0,
  );
  const height = Math.min(SHOT_HEIGHT, Math.ceil(bottom) + 16);
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
  console.error(`screenshot written to ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
