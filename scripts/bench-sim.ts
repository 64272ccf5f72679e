/**
 * `npm run bench:sim`: how fast the simulated runner is, and how exact the realtime one.
 *
 * - Simulated logical requests per wall-clock second for `direct` and `cached+batched` at several
 *   request counts, each in a fresh child process so its peak RSS is its own (memory should stay
 *   flat as the count grows: only 8 bytes of latency sample per request are kept).
 * - The same for a user module on the official SDK (scenarios/clients/anthropic-sdk.ts), whose
 *   HTTP calls reach the in-process mock through msw: the price of running a user's real client.
 * - Realtime timing error at 200 concurrent requests (scripts/bench-realtime.ts has the details).
 *
 * Usage: npm run bench:sim [-- --sizes 25000,100000 --sdk 2000 --repeats 1 --json]
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { runScenario } from '../harness/runner/runScenario.ts';
import { parseScenario } from '../harness/scenario/parseScenario.ts';
import { measureTimingError } from './bench-realtime.ts';

const HERE = fileURLToPath(import.meta.url);
/** Scenario files resolve `module:` paths from their folder: the user module lives in scenarios/clients. */
const SCENARIO_FILE = path.resolve(HERE, '../../scenarios/bench-sim.yaml');

/** The strategies measured: built-in presets by name, and the SDK user module. */
export type SimStrategy = 'direct' | 'cached+batched' | 'sdk-module';

/** A simulated run of `requests` requests: 64 closed-loop clients, 1000 zipf-popular prompts, default mock. */
export function simScenario(strategy: SimStrategy, requests: number): string {
  const strategies =
    strategy === 'sdk-module'
      ? '[{ name: sdk-module, module: ./clients/anthropic-sdk.ts, options: { maxRetries: 2 } }]'
      : `[${strategy}]`;
  return `
name: bench-sim
seed: 1
mock: { preset: default }
workload:
  requests: ${requests}
  arrival: { type: closed, concurrency: 64 }
  prompts: { unique: 1000, popularity: zipf }
  maxTokens: 256
strategies: ${strategies}
`;
}

/** One simulated run, measured in a child process of its own. */
export interface SimSpeed {
  strategy: SimStrategy;
  requests: number;
  /** Wall time of the run alone (scenario parsed, process warm), ms. */
  wallMs: number;
  requestsPerSec: number;
  /** Virtual time the run covered, hours. */
  simulatedHours: number;
  /** The child process's peak resident set size (`process.resourceUsage().maxRSS`), MB. */
  maxRssMb: number;
  /** V8 heap still in use after the run and a full GC (what the run retains, results included), MB. */
  heapAfterGcMb: number;
  /** CPU time of the run (user + system, all threads), ms: less sensitive to machine load than wall time. */
  cpuMs: number;
  /** With repeats: requests per wall second of every repeat (this row is the median one). */
  repeatsPerSec?: number[];
}

async function child(strategy: SimStrategy, requests: number): Promise<void> {
  const scenario = parseScenario(simScenario(strategy, requests), SCENARIO_FILE);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const results = await runScenario(scenario);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  (globalThis as { gc?: () => void }).gc?.();
  const run = results.runs[0];
  if (run === undefined || run.metrics.requests.total !== requests) {
    throw new Error(`the ${strategy} run did not finish its ${requests} requests`);
  }
  const out: SimSpeed = {
    strategy,
    requests,
    wallMs,
    requestsPerSec: (requests * 1000) / wallMs,
    simulatedHours: run.metrics.windowMs / 3_600_000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapAfterGcMb: process.memoryUsage().heapUsed / (1024 * 1024),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(JSON.stringify(out));
}

function measureOnce(strategy: SimStrategy, requests: number): SimSpeed {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, HERE, '--child', strategy, String(requests)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out) as SimSpeed;
}

/**
 * Runs one simulated run in a fresh child process (so its peak RSS is its own) and returns its
 * figures; with `repeats` > 1, that many runs, and the one with the median speed (a loaded machine
 * makes single runs vary by half).
 */
export function measureSimSpeed(strategy: SimStrategy, requests: number, repeats = 1): SimSpeed {
  const runs = Array.from({ length: repeats }, () => measureOnce(strategy, requests));
  const sorted = [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const median = sorted[sorted.length >> 1] as SimSpeed;
  if (repeats > 1) median.repeatsPerSec = runs.map((r) => r.requestsPerSec);
  return median;
}

/** Every strategy at every size (`repeats` runs each), then the SDK module at `sdkRequests`. */
export function measureSimSpeeds(sizes: readonly number[], sdkRequests: number, repeats = 1): SimSpeed[] {
  const rows: SimSpeed[] = [];
  for (const strategy of ['direct', 'cached+batched'] as const) {
    for (const requests of sizes) rows.push(measureSimSpeed(strategy, requests, repeats));
  }
  if (sdkRequests > 0) rows.push(measureSimSpeed('sdk-module', sdkRequests));
  return rows;
}

/** The rows as a terminal table. */
export function simTable(rows: readonly SimSpeed[]): string {
  const table = new Table({
    head: [
      'strategy',
      'requests',
      'wall (s)',
      'requests / wall s',
      'requests / CPU s',
      'simulated time (h)',
      'peak RSS (MB)',
      'heap after GC (MB)',
    ],
  });
  for (const r of rows) {
    table.push([
      r.strategy,
      r.requests.toLocaleString('en-US'),
      (r.wallMs / 1000).toFixed(2),
      Math.round(r.requestsPerSec).toLocaleString('en-US'),
      Math.round((r.requests * 1000) / r.cpuMs).toLocaleString('en-US'),
      r.simulatedHours.toFixed(2),
      r.maxRssMb.toFixed(0),
      r.heapAfterGcMb.toFixed(1),
    ]);
  }
  return table.toString();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await child(args[1] as SimStrategy, Number(args[2]));
    return;
  }
  const value = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i < 0 ? undefined : args[i + 1];
  };
  const sizes = (value('sizes') ?? '25000,100000,400000').split(',').map(Number);
  const rows = measureSimSpeeds(sizes, Number(value('sdk') ?? 2000), Number(value('repeats') ?? 1));
  const timing = await measureTimingError({
    concurrency: 200,
    arrival: 'closed',
    latency: 'jittered',
    stream: false,
    tokensPerSec: 1000,
    requests: 2000,
  });
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ simulated: rows, timing }, null, 2)}\n`);
    return;
  }
  console.log('Simulated runner speed (goal: >= 100,000 requests per wall second; flat memory)');
  console.log(simTable(rows));
  console.log(
    `Realtime timing error, 200 concurrent requests over loopback HTTP, jittered latency (goal: p50 <= 2 ms):\n` +
      `  measured - injected latency: p50 ${timing.errorP50Ms.toFixed(2)} ms, p99 ${timing.errorP99Ms.toFixed(2)} ms ` +
      `(injected p50 ${timing.injectedP50Ms.toFixed(1)} ms); more cases: npx tsx scripts/bench-realtime.ts`,
  );
  console.log(`node ${process.version}, ${process.arch}`);
}

if (process.argv[1] === HERE) await main();
