/**
 * `npm run bench`: every self-benchmark of the harness, one after the other, rendered into
 * `reports/self-benchmark.md` with the machine they ran on.
 *
 *   simulated speed      direct and cached+batched at 25k and 100k requests (median of 3), the SDK
 *                        user module through msw, and 1M requests for memory (bench-sim.ts, child
 *                        processes)
 *   realtime precision   measured − injected latency at 1 and 200 concurrent (bench-realtime.ts), the
 *                        goal cases repeated; timer lateness (bench-timers.ts)
 *   mock throughput      autocannon, mock against a bare node:http server (bench-mock.ts)
 *   hot paths            tinybench (bench-policies.ts)
 *   seed 000             the wall time of scenarios/seed-000-strategies.yaml, when it exists
 *
 * Options: --quick (small sizes and short runs, to try the script; written to the temporary folder
 * unless --out is given), --out FILE (default reports/self-benchmark.md), --render MODEL.json
 * (re-render a saved run: every run also saves its figures to the temporary folder as
 * self-benchmark.json). Takes about 4 minutes.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { describeEnvironment } from '../harness/runner/environment.ts';
import { measureMock } from './bench-mock.ts';
import { measurePolicies } from './bench-policies.ts';
import {
  describeTiming,
  measureRealtime,
  measureTimingError,
  type TimingCase,
  type TimingResult,
} from './bench-realtime.ts';
import { measureScenarioWall } from './bench-scenario.ts';
import { measureSimSpeed, measureSimSpeeds, simTable } from './bench-sim.ts';
import { timerCases } from './bench-timers.ts';
import { type RepeatedTiming, renderSelfBenchmark, type SelfBenchmarkModel } from './renderSelfBenchmark.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_000 = 'scenarios/seed-000-strategies.yaml';

/** The realtime cases the goal is judged on, each run `REPEATS` times (the machine is noisy). */
const GOAL_CASES: readonly TimingCase[] = [
  {
    concurrency: 200,
    arrival: 'closed',
    latency: 'jittered',
    stream: false,
    tokensPerSec: 1000,
    requests: 2000,
  },
  { concurrency: 200, arrival: 'open', latency: 'fixed', stream: false, tokensPerSec: 1000, requests: 2000 },
  {
    concurrency: 200,
    arrival: 'closed',
    latency: 'jittered',
    stream: true,
    tokensPerSec: 100,
    requests: 2000,
  },
  { concurrency: 200, arrival: 'open', latency: 'fixed', stream: true, tokensPerSec: 100, requests: 2000 },
];
const REPEATS = 3;

function sameCase(a: TimingCase, b: TimingCase): boolean {
  return (
    a.concurrency === b.concurrency &&
    a.arrival === b.arrival &&
    a.latency === b.latency &&
    a.stream === b.stream &&
    a.tokensPerSec === b.tokensPerSec &&
    a.requests === b.requests
  );
}

function step(title: string): void {
  console.log(`\n== ${title} (1-minute load average ${os.loadavg()[0]?.toFixed(2)})`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const outIndex = args.indexOf('--out');
  const defaultOut = quick
    ? path.join(os.tmpdir(), 'self-benchmark.quick.md')
    : path.join(ROOT, 'reports/self-benchmark.md');
  const out = outIndex >= 0 ? path.resolve(args[outIndex + 1] as string) : defaultOut;
  const renderIndex = args.indexOf('--render');
  if (renderIndex >= 0) {
    const saved = JSON.parse(await readFile(args[renderIndex + 1] as string, 'utf8')) as SelfBenchmarkModel;
    await writeFile(out, renderSelfBenchmark(saved));
    console.log(`wrote ${out}`);
    return;
  }
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAverageStart = os.loadavg()[0] ?? 0;

  step('simulated speed');
  const goalRequests = quick ? 20_000 : 100_000;
  const sizes = quick ? [5_000, 20_000] : [25_000, 100_000];
  const simulated = measureSimSpeeds(sizes, quick ? 300 : 2_000, 3);
  const millionRequests = quick ? 100_000 : 1_000_000;
  const million = [
    measureSimSpeed('direct', millionRequests),
    measureSimSpeed('cached+batched', millionRequests),
  ];
  console.log(simTable([...simulated, ...million]));

  step('realtime timing error');
  const realtime = await measureRealtime(quick ? 400 : 2000, (line) => console.log(line));
  const repeated: RepeatedTiming[] = [];
  for (const base of GOAL_CASES) {
    const c: TimingCase = quick ? { ...base, requests: 400 } : base;
    const runs: TimingResult[] = realtime.timing.filter((r) => sameCase(r, c));
    while (runs.length < REPEATS) {
      const r = await measureTimingError(c);
      console.log(describeTiming(r));
      runs.push(r);
    }
    repeated.push({
      case: c,
      runs,
      medianErrorP50Ms: median(runs.map((r) => r.errorP50Ms)),
      medianErrorP99Ms: median(runs.map((r) => r.errorP99Ms)),
    });
  }
  // The same goal cases once on Node's own timers, to show what the precise RealClock changes.
  const nodeTimers: TimingResult[] = [];
  for (const r of repeated) {
    const t = await measureTimingError({ ...r.case, nodeTimers: true });
    console.log(describeTiming(t));
    nodeTimers.push(t);
  }
  const timers = await timerCases(quick ? 500 : 2000);

  step('mock throughput');
  const mock = await measureMock({
    durationSec: quick ? 1 : 4,
    rounds: 3,
    onLine: (line) => console.log(line),
  });

  step('hot paths');
  const { micro, direct } = await measurePolicies(quick ? 100 : 400, quick ? 5_000 : 20_000);

  step('seed 000');
  const seedFile = path.join(ROOT, SEED_000);
  const seed000: SelfBenchmarkModel['seed000'] = existsSync(seedFile)
    ? { kind: 'ran', wall: { ...measureScenarioWall(seedFile), file: SEED_000 } }
    : { kind: 'missing', file: SEED_000 };

  const env = describeEnvironment();
  const model: SelfBenchmarkModel = {
    machine: {
      cpu: env.cpu,
      cores: env.cores,
      memoryBytes: env.memoryBytes,
      node: env.node,
      platform: env.platform,
      arch: env.arch,
      startedAt,
      wallMs: performance.now() - started,
      loadAverageStart,
      loadAverageEnd: os.loadavg()[0] ?? 0,
    },
    goalRequests,
    simulated,
    million,
    mock,
    realtime: { timing: realtime.timing, repeated, nodeTimers, capacity: realtime.capacity },
    timers,
    micro,
    direct,
    seed000,
  };
  const modelFile = path.join(os.tmpdir(), quick ? 'self-benchmark.quick.json' : 'self-benchmark.json');
  await writeFile(modelFile, `${JSON.stringify(model, null, 2)}\n`);
  await writeFile(out, renderSelfBenchmark(model));
  console.log(`figures saved in ${modelFile}`);
  console.log(`\nwrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
