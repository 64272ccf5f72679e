/**
 * `npm run scenarios`: runs every scenario of the library (`scenarios/*.yaml`, or the files given)
 * in simulated mode, in this process, one after another; prints one line per scenario (name, runs,
 * wall time, thresholds passed and failed, the failed checks beneath) and a summary. Exits 1 when a
 * threshold failed or a scenario could not run, 0 otherwise. Scenarios that name a `target` (a real
 * endpoint) are realtime-only and skipped. Realtime scenarios run simulated (their thresholds are
 * checked in a second), except the drills of {@link EXPECTED_INVALID}: those run in realtime and
 * pass when every run comes out invalid, as `bench` would report them (exit 3).
 *
 * Usage: npm run scenarios [-- FILE... --out DIR]
 *   --out DIR   also write DIR/<scenario>/results.json and report.md for each scenario
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InputError } from '../base/errors.ts';
import { slug } from '../harness/cli/commands/run.ts';
import { portableResults } from '../harness/results/portableResults.ts';
import type { ThresholdResult } from '../harness/results/ResultsFile.ts';
import { writeFileAtomic } from '../harness/results/writeResults.ts';
import { runScenario } from '../harness/runner/runScenario.ts';
import { loadScenario } from '../harness/scenario/loadScenario.ts';
import { formatMetric } from '../reports/format.ts';
import { renderMarkdown } from '../reports/renderMarkdown.ts';

/** The repository's root folder (this script's parent). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Library drills that must come out invalid (exit 3 from `bench`), by file name: they run in
 * realtime (a second or two each), and pass when every run is not a valid measurement.
 */
export const EXPECTED_INVALID: ReadonlySet<string> = new Set(['drill-saturated-generator.yaml']);

/** Every `*.yaml` directly in `dir` (default: the repository's `scenarios/`), sorted by name. */
export async function scenarioFiles(dir = path.join(REPO_ROOT, 'scenarios')): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** What became of one scenario file. */
export type ScenarioOutcome =
  | {
      kind: 'ran';
      file: string;
      name: string;
      runs: number;
      /** Wall-clock time of the run (ms), loading included. */
      wallMs: number;
      thresholdsPassed: number;
      failedThresholds: readonly ThresholdResult[];
      /** Set for a drill of {@link EXPECTED_INVALID}: how many of its runs were invalid, and the first reason. */
      expectedInvalid?: { invalidRuns: number; firstReason?: string };
    }
  | { kind: 'skipped'; file: string; reason: string }
  | { kind: 'errored'; file: string; message: string };

/**
 * Loads and runs one scenario in simulated mode. With `outDir`, writes its results.json and
 * report.md under `outDir/<slug of its name>/`. Never throws: a failure to load or run is an
 * `errored` outcome carrying the message (with the stack for anything but bad input).
 */
export async function runScenarioFile(file: string, outDir?: string): Promise<ScenarioOutcome> {
  const startMs = performance.now();
  try {
    const scenario = await loadScenario(file);
    if (scenario.target !== undefined) {
      return { kind: 'skipped', file, reason: `targets ${scenario.target.baseUrl} (realtime only)` };
    }
    const expectInvalid = EXPECTED_INVALID.has(path.basename(file));
    scenario.mode = expectInvalid ? 'realtime' : 'simulated';
    const results = await runScenario(scenario);
    const wallMs = performance.now() - startMs;
    if (outDir !== undefined) {
      const portable = portableResults(results, REPO_ROOT);
      const dir = path.join(outDir, slug(scenario.name));
      await writeFileAtomic(path.join(dir, 'results.json'), `${JSON.stringify(portable, null, 2)}\n`);
      await writeFileAtomic(path.join(dir, 'report.md'), renderMarkdown(portable));
    }
    // An expected-invalid drill's thresholds are not evaluated: that is the lesson, not a failure.
    const failedThresholds = results.thresholds.filter(
      (t) => !t.passed && !(expectInvalid && t.notEvaluated === true),
    );
    const outcome: ScenarioOutcome = {
      kind: 'ran',
      file,
      name: scenario.name,
      runs: results.runs.length,
      wallMs,
      thresholdsPassed: results.thresholds.filter((t) => t.passed).length,
      failedThresholds,
    };
    if (expectInvalid) {
      const invalid = results.runs.filter((r) => !r.valid);
      const firstReason = invalid[0]?.invalidReasons?.[0];
      outcome.expectedInvalid = {
        invalidRuns: invalid.length,
        ...(firstReason !== undefined ? { firstReason } : {}),
      };
    }
    return outcome;
  } catch (error) {
    const message =
      error instanceof InputError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    return { kind: 'errored', file, message };
  }
}

/** One failed threshold as a line: the check, where, measured vs bound (or why it could not be judged). */
function describeFailure(t: ThresholdResult): string {
  const where = `${t.strategy} in ${t.cellId}`;
  if (t.notEvaluated === true) return `${t.source} (${where}): not evaluated: ${t.reason ?? 'invalid run'}`;
  if (t.reason !== undefined) return `${t.source} (${where}): ${t.reason}`;
  return `${t.source} (${where}): measured ${formatMetric(t.metric, t.measured)}, bound ${formatMetric(t.metric, t.bound)}`;
}

/** The report line(s) of one outcome, file names relative to `cwd`. */
export function formatOutcome(outcome: ScenarioOutcome, cwd = process.cwd()): string {
  const file = path.relative(cwd, outcome.file);
  switch (outcome.kind) {
    case 'ran': {
      const failed = outcome.failedThresholds.length;
      const total = outcome.thresholdsPassed + failed;
      const mark = failed === 0 && !missedInvalid(outcome) ? 'ok  ' : 'FAIL';
      let checks = total === 0 ? 'no thresholds' : `thresholds ${outcome.thresholdsPassed}/${total} passed`;
      const expected = outcome.expectedInvalid;
      if (expected !== undefined) {
        checks = missedInvalid(outcome)
          ? `expected every run invalid in realtime, ${expected.invalidRuns} of ${outcome.runs} were`
          : `invalid in realtime as expected (bench exits 3): ${expected.firstReason ?? ''}`;
      }
      const line = `${mark} ${outcome.name.padEnd(28)} ${String(outcome.runs).padStart(3)} runs ${(outcome.wallMs / 1000).toFixed(1).padStart(6)} s  ${checks}`;
      return [line, ...outcome.failedThresholds.map((t) => `       ✗ ${describeFailure(t)}`)].join('\n');
    }
    case 'skipped':
      return `skip ${file}: ${outcome.reason}`;
    case 'errored':
      return `ERR  ${file}:\n${outcome.message.replace(/^/gm, '       ')}`;
  }
}

/** Whether an expected-invalid drill had a run that came out valid (or had no run at all). */
function missedInvalid(outcome: Extract<ScenarioOutcome, { kind: 'ran' }>): boolean {
  const expected = outcome.expectedInvalid;
  return expected !== undefined && (outcome.runs === 0 || expected.invalidRuns < outcome.runs);
}

/** The closing line, and the exit code: 1 if a threshold failed, an expected-invalid drill came out valid, or a scenario errored. */
export function summarize(
  outcomes: readonly ScenarioOutcome[],
  wallMs: number,
): { line: string; exitCode: 0 | 1 } {
  const ran = outcomes.filter((o) => o.kind === 'ran');
  const failing = ran.filter((o) => o.failedThresholds.length > 0 || missedInvalid(o)).length;
  const errored = outcomes.filter((o) => o.kind === 'errored').length;
  const skipped = outcomes.length - ran.length - errored;
  const runs = ran.reduce((sum, o) => sum + o.runs, 0);
  const parts = [
    `${outcomes.length} scenario${outcomes.length === 1 ? '' : 's'}, ${runs} runs in ${(wallMs / 1000).toFixed(1)} s`,
    `${ran.length - failing} passed`,
    `${failing} failed thresholds`,
    `${errored} errored`,
  ];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return { line: parts.join(', '), exitCode: failing > 0 || errored > 0 ? 1 : 0 };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  const files = positionals.length > 0 ? positionals.map((f) => path.resolve(f)) : await scenarioFiles();
  if (files.length === 0) {
    console.error('run-scenarios: no scenario files found');
    return 1;
  }
  const startMs = performance.now();
  const outcomes: ScenarioOutcome[] = [];
  for (const file of files) {
    const outcome = await runScenarioFile(file, values.out);
    outcomes.push(outcome);
    console.log(formatOutcome(outcome));
  }
  const { line, exitCode } = summarize(outcomes, performance.now() - startMs);
  console.log(`\n${line}`);
  return exitCode;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
