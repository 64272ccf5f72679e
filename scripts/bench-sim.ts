/**
 * `npm run bench:sim`: how fast the simulated runner is, and how exact the realtime one.
 *
 * - Simulated logical requests per wall-clock second for `direct` and `cached+batched` at several
 *   request counts, each in a fresh child process so its peak RSS is its own (memory should stay
 *   flat as the count grows: only 8 bytes of latency sample per request are kept).
 * - Realtime timing error: the same scenario (fixed latency, no jitter) run in realtime over loopback
 *   HTTP with 200 concurrent requests, minus its simulated run (which is exactly the injected
 *   latency), at p50 and p99.
 *
 * Usage: npm run bench:sim [-- --sizes 25000,100000 --json]
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { runScenario } from '../harness/runner/runScenario.ts';
import { parseScenario } from '../harness/scenario/parseScenario.ts';

const HERE = fileURLToPath(import.meta.url);

export function simScenario(strategy: string, requests: number): string {
  return `
name: bench-sim
seed: 1
mock: { preset: default }
workload:
  requests: ${requests}
  arrival: { type: closed, concurrency: 64 }
  prompts: { unique: 1000, popularity: zipf }
  maxTokens: 256
strategies: [${strategy}]
`;
}

interface ChildResult {
  strategy: string;
  requests: number;
  wallMs: number;
  requestsPerSec: number;
  simulatedHours: number;
  maxRssMb: number;
}

async function child(strategy: string, requests: number): Promise<void> {
  const scenario = parseScenario(simScenario(strategy, requests), path.resolve('bench-sim.yaml'));
  const start = performance.now();
  const results = await runScenario(scenario);
  const wallMs = performance.now() - start;
  const run = results.runs[0];
  const out: ChildResult = {
    strategy,
    requests,
    wallMs,
    requestsPerSec: (requests * 1000) / wallMs,
    simulatedHours: (run?.metrics.windowMs ?? 0) / 3_600_000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(out));
}

const TIMING_SCENARIO = (mode: string): string => `
name: timing-error
seed: 1
mode: ${mode}
mock:
  preset: perfect
  latency: { ttftMs: 100ms, outputTokensPerSec: 1000 }
  output: { tokens: 50 }
workload:
  requests: 2000
  arrival: { type: closed, concurrency: 200 }
  prompts: { unique: 100 }
  maxTokens: 64
strategies: [direct]
`;

async function timingError(): Promise<{ p50: number; p99: number; injectedP50: number }> {
  const file = path.resolve('timing.yaml');
  const sim = await runScenario(parseScenario(TIMING_SCENARIO('simulated'), file));
  const real = await runScenario(parseScenario(TIMING_SCENARIO('realtime'), file));
  const s = sim.runs[0]?.metrics.latencyMs;
  const r = real.runs[0]?.metrics.latencyMs;
  if (s === undefined || r === undefined) throw new Error('timing runs produced no results');
  return { p50: r.p50 - s.p50, p99: r.p99 - s.p99, injectedP50: s.p50 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await child(args[1] as string, Number(args[2]));
    return;
  }
  const sizesArg = args.indexOf('--sizes');
  const sizes =
    sizesArg >= 0 ? (args[sizesArg + 1] as string).split(',').map(Number) : [25_000, 100_000, 400_000];
  const rows: ChildResult[] = [];
  for (const strategy of ['direct', 'cached+batched']) {
    for (const requests of sizes) {
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, HERE, '--child', strategy, String(requests)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      rows.push(JSON.parse(out) as ChildResult);
    }
  }
  const timing = await timingError();
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ simulated: rows, timing }, null, 2)}\n`);
    return;
  }
  const table = new Table({
    head: ['strategy', 'requests', 'wall (s)', 'requests / wall s', 'simulated time (h)', 'peak RSS (MB)'],
  });
  for (const r of rows) {
    table.push([
      r.strategy,
      r.requests.toLocaleString('en-US'),
      (r.wallMs / 1000).toFixed(2),
      Math.round(r.requestsPerSec).toLocaleString('en-US'),
      r.simulatedHours.toFixed(2),
      r.maxRssMb.toFixed(0),
    ]);
  }
  console.log('Simulated runner speed (goal: >= 100,000 requests per wall second; flat memory)');
  console.log(table.toString());
  console.log(
    `Realtime timing error, 200 concurrent requests over loopback HTTP (goal: p50 <= 2 ms):\n` +
      `  measured - injected latency: p50 ${timing.p50.toFixed(2)} ms, p99 ${timing.p99.toFixed(2)} ms ` +
      `(injected p50 ${timing.injectedP50.toFixed(1)} ms)`,
  );
  console.log(`node ${process.version}, ${process.arch}`);
}

if (process.argv[1] === HERE) await main();
