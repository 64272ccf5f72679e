// Headless Chromium for the HTML report's browser test and `npm run screenshot`: Debian's chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { portableResults } from '../../harness/results/portableResults.ts';
import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { runScenario } from '../../harness/runner/runScenario.ts';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The chromium binary: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else `chromium` on
 * PATH; undefined when there is none (`.ci/run` installs it with apt-get).
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const file of candidates) if (file !== undefined && file !== '' && existsSync(file)) return file;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    return found === '' ? undefined : found;
  } catch {
    return undefined;
  }
}

/** Launches headless chromium from `executablePath` (playwright-core downloads no browser). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true });
}

/** The quickstart scenario run in simulated mode with its seed and a fixed wall clock: the same results anywhere. */
export async function quickstartResults(): Promise<ResultsFile> {
  const scenario = await loadScenario(path.join(REPO_ROOT, 'scenarios', 'quickstart.yaml'));
  scenario.mode = 'simulated';
  const results = await runScenario(scenario, { wallClock: () => new Date(0) });
  return portableResults(results, REPO_ROOT);
}

/** Opens a report file and waits until client.js has drawn it (`<html data-ready="true">`). */
export async function openReport(page: Page, file: string): Promise<void> {
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
}
