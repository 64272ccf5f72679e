/**
 * `npx tsx scripts/bench-scenario.ts FILE`: the wall time of one whole scenario (every matrix cell
 * and strategy), run as the CLI would, in simulated mode, in a fresh child process (so module
 * loading is counted once and its peak RSS is its own), next to the virtual time it covered.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../harness/runner/runScenario.ts';
import { loadScenario } from '../harness/scenario/loadScenario.ts';

const HERE = fileURLToPath(import.meta.url);

/** What one scenario cost. */
export interface ScenarioWall {
  file: string;
  name: string;
  runs: number;
  /** Logical requests measured, over all runs. */
  requests: number;
  /** Load + run wall time in the child, ms. */
  wallMs: number;
  /** Virtual time covered, summed over runs (each run has its own clock), ms. */
  simulatedMs: number;
  maxRssMb: number;
}

async function child(file: string): Promise<void> {
  const started = performance.now();
  const scenario = await loadScenario(file);
  if (scenario.mode !== 'simulated') throw new Error(`${file} is not a simulated scenario`);
  const results = await runScenario(scenario);
  const wallMs = performance.now() - started;
  const out: ScenarioWall = {
    file,
    name: scenario.name,
    runs: results.runs.length,
    requests: results.runs.reduce((n, run) => n + run.metrics.requests.total, 0),
    wallMs,
    simulatedMs: results.runs.reduce((ms, run) => ms + run.metrics.windowMs, 0),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(out));
}

/** Runs `file` in a child process and returns its wall time and what it simulated. */
export function measureScenarioWall(file: string): ScenarioWall {
  const out = execFileSync(process.execPath, [...process.execArgv, HERE, '--child', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as ScenarioWall;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await child(args[1] as string);
    return;
  }
  for (const file of args) {
    const r = measureScenarioWall(file);
    console.log(
      `${r.name}: ${r.runs} runs, ${r.requests.toLocaleString('en-US')} requests, ` +
        `${(r.simulatedMs / 3_600_000).toFixed(2)} simulated hours in ${(r.wallMs / 1000).toFixed(2)} s wall, ` +
        `peak RSS ${r.maxRssMb.toFixed(0)} MB`,
    );
  }
}

if (process.argv[1] === HERE) await main();
