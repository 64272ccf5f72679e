/**
 * `npx tsx scripts/bench-realtime.ts`: how exact the realtime runner is.
 *
 * The same scenario runs twice: simulated (its latencies are exactly what the mock injected) and
 * realtime over loopback HTTP against the mock in its worker thread. The timing error is the
 * realtime percentile minus the simulated one, at p50 and p99. Every answer is 100 ms TTFT plus 50
 * output tokens; the cases vary how the 200 concurrent requests line up:
 *
 *   closed, fixed     200 clients back to back, every answer the same length: they finish in
 *                     lock-step waves, and the client handles 200 responses in one burst
 *   closed, jittered  lognormal TTFT (sigma 0.3) and generation speed (sigma 0.1): completions
 *                     spread out; both runs draw the same latencies, so their percentiles compare
 *   open, fixed       arrivals evenly spaced at 200 / latency per second: 200 in flight on average,
 *                     completions evenly spread, and every request's error is exact
 *
 * each non-streaming and streaming (latency = until `message_stop`), plus one client alone (what
 * timer and loopback precision cost with no contention), and the zero-latency capacity of the
 * realtime path (requests per second with the `perfect` preset: what the client and mock cost).
 *
 * Options: --requests 2000 --json
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealClockOptions } from '../base/clock/RealClock.ts';
import { runScenario } from '../harness/runner/runScenario.ts';
import { parseScenario } from '../harness/scenario/parseScenario.ts';

/** One timing-error measurement. */
export interface TimingCase {
  /** Clients (closed) or mean requests in flight (open). */
  concurrency: number;
  arrival: 'closed' | 'open';
  stream: boolean;
  /** `fixed`: 100 ms TTFT + 50 output tokens at `tokensPerSec`; `jittered`: the same medians, lognormal jitter. */
  latency: 'fixed' | 'jittered';
  /**
   * Generation speed (output tokens per second). 1000 makes a 150 ms answer; streamed, that is 17
   * deltas 3 ms apart, ~24,000 SSE events/s at 200 streams. 100 (a real model's pace) makes 600 ms.
   */
  tokensPerSec: number;
  /** Measured requests (after a warm-up: one request per client, or a quarter of the open loop's). */
  requests: number;
  /** Runner and mock on Node's own timers (RealClock `spinMs: 0`) rather than the precise ones. */
  nodeTimers?: boolean;
}

/** What a case measured (milliseconds). */
export interface TimingResult extends TimingCase {
  injectedP50Ms: number;
  injectedP99Ms: number;
  measuredP50Ms: number;
  measuredP99Ms: number;
  /** Realtime minus simulated percentile. */
  errorP50Ms: number;
  errorP99Ms: number;
  /** Streams only: the same for time to first token. */
  ttftErrorP50Ms?: number;
  /** Open loop only: how late requests left against their schedule (p99, ms). */
  dispatchLagP99Ms?: number;
  /** Wall time of the realtime run. */
  wallMs: number;
}

/** The injected latency of a fixed case, ms. */
function nominalLatencyMs(c: TimingCase): number {
  return 100 + (50 * 1000) / c.tokensPerSec;
}

function timingYaml(c: TimingCase, mode: 'simulated' | 'realtime'): string {
  const jitter = c.latency === 'jittered' ? '0.3' : '0';
  const generationJitter = c.latency === 'jittered' ? '0.1' : '0';
  const ratePerSec = (c.concurrency * 1000) / nominalLatencyMs(c);
  const arrival =
    c.arrival === 'closed'
      ? `{ type: closed, concurrency: ${c.concurrency} }`
      : `{ type: constant, rate: ${ratePerSec.toFixed(3)} }`;
  const warmup = c.arrival === 'closed' ? c.concurrency : Math.ceil(c.requests / 4);
  return `
name: timing-error
seed: 1
mode: ${mode}
mock:
  preset: perfect
  latency: { ttftMs: 100ms, outputTokensPerSec: ${c.tokensPerSec}, jitterSigma: ${jitter}, generationJitterSigma: ${generationJitter} }
  output: { tokens: 50 }
workload:
  requests: ${c.requests}
  warmup: ${warmup}
  arrival: ${arrival}
  prompts: { unique: 100 }
  maxTokens: 64
  stream: ${c.stream}
strategies: [direct]
`;
}

const NODE_TIMERS: RealClockOptions = { spinMs: 0 };

async function runOnce(c: TimingCase, mode: 'simulated' | 'realtime') {
  const scenario = parseScenario(timingYaml(c, mode), path.resolve('timing-error.yaml'));
  const started = performance.now();
  const results = await runScenario(scenario, c.nodeTimers === true ? { realClock: NODE_TIMERS } : {});
  const wallMs = performance.now() - started;
  const metrics = results.runs[0]?.metrics;
  if (metrics === undefined || metrics.requests.ok !== c.requests) {
    throw new Error(
      `the ${mode} timing run did not answer every request: ${JSON.stringify(metrics?.requests)}`,
    );
  }
  return { metrics, wallMs };
}

/** Runs one case simulated and realtime and returns the difference of their percentiles. */
export async function measureTimingError(c: TimingCase): Promise<TimingResult> {
  const sim = await runOnce(c, 'simulated');
  const real = await runOnce(c, 'realtime');
  const s = sim.metrics.latencyMs;
  const r = real.metrics.latencyMs;
  if (s === undefined || r === undefined)
    throw new Error(`case ${JSON.stringify(c)}: no request succeeded, so no latency to compare`);
  const result: TimingResult = {
    ...c,
    injectedP50Ms: s.p50,
    injectedP99Ms: s.p99,
    measuredP50Ms: r.p50,
    measuredP99Ms: r.p99,
    errorP50Ms: r.p50 - s.p50,
    errorP99Ms: r.p99 - s.p99,
    wallMs: real.wallMs,
  };
  const st = sim.metrics.ttftMs;
  const rt = real.metrics.ttftMs;
  if (c.stream && st !== undefined && rt !== undefined) result.ttftErrorP50Ms = rt.p50 - st.p50;
  const lag = real.metrics.schedule?.dispatchLagMs;
  if (lag !== undefined) result.dispatchLagP99Ms = lag.p99;
  return result;
}

/** Zero-latency capacity of the realtime path (preset `perfect`, 50-token answers). */
export interface Capacity {
  concurrency: number;
  stream: boolean;
  requestsPerSec: number;
  p50Ms: number;
}

/** Requests per wall second through the runner, HTTP and the mock's worker with no injected latency. */
export async function realtimeCapacity(
  concurrency: number,
  requests: number,
  stream: boolean,
): Promise<Capacity> {
  const yaml = `
name: realtime-capacity
mode: realtime
mock: { preset: perfect, output: { tokens: 50 } }
workload:
  requests: ${requests}
  warmup: ${Math.max(concurrency, Math.round(requests / 10))}
  arrival: { type: closed, concurrency: ${concurrency} }
  prompts: { unique: 100 }
  maxTokens: 64
  stream: ${stream}
strategies: [direct]
`;
  const results = await runScenario(parseScenario(yaml, path.resolve('realtime-capacity.yaml')));
  const metrics = results.runs[0]?.metrics;
  if (metrics === undefined) throw new Error('the capacity run produced no results');
  return {
    concurrency,
    stream,
    requestsPerSec: metrics.throughput.requestsPerSec,
    p50Ms: metrics.latencyMs?.p50 ?? Number.NaN,
  };
}

/** The cases of the report (see the file's comment); `requests` per case at 200 concurrent. */
export function defaultTimingCases(requests: number): TimingCase[] {
  const one = { concurrency: 1, arrival: 'closed', latency: 'fixed', tokensPerSec: 1000 } as const;
  // One client never overlaps with itself and takes 150 ms a request: a few dozen make the point.
  const alone = Math.min(requests, 40);
  const cases: TimingCase[] = [
    { ...one, stream: false, requests: alone },
    { ...one, stream: true, requests: alone },
  ];
  const many = { concurrency: 200, requests } as const;
  for (const [arrival, latency] of [
    ['closed', 'fixed'],
    ['closed', 'jittered'],
    ['open', 'fixed'],
  ] as const) {
    cases.push({ ...many, arrival, latency, stream: false, tokensPerSec: 1000 });
    cases.push({ ...many, arrival, latency, stream: true, tokensPerSec: 1000 });
    if (latency !== 'fixed' || arrival === 'open') {
      cases.push({ ...many, arrival, latency, stream: true, tokensPerSec: 100 });
    }
  }
  return cases;
}

/** Every default case, then the zero-latency capacity (JSON and streaming, 200 clients). */
export async function measureRealtime(
  requests: number,
  onResult?: (line: string) => void,
): Promise<{ timing: TimingResult[]; capacity: Capacity[] }> {
  const timing: TimingResult[] = [];
  for (const c of defaultTimingCases(requests)) {
    const r = await measureTimingError(c);
    timing.push(r);
    onResult?.(describeTiming(r));
  }
  const capacity: Capacity[] = [];
  for (const stream of [false, true]) {
    const cap = await realtimeCapacity(200, 10_000, stream);
    capacity.push(cap);
    onResult?.(
      `zero-latency capacity, 200 clients, ${stream ? 'stream' : 'json'}: ${Math.round(cap.requestsPerSec)} req/s (p50 ${cap.p50Ms.toFixed(2)} ms)`,
    );
  }
  return { timing, capacity };
}

/** One line for a terminal. */
export function describeTiming(r: TimingResult): string {
  const ms = (v: number): string => v.toFixed(2).padStart(7);
  return (
    `c=${String(r.concurrency).padStart(3)} ${r.arrival.padEnd(6)} ${r.latency.padEnd(8)} ` +
    (r.nodeTimers === true ? 'node timers ' : '') +
    `${r.stream ? 'stream' : 'json  '} ${String(r.tokensPerSec).padStart(4)} tok/s: ` +
    `injected p50 ${ms(r.injectedP50Ms)} p99 ${ms(r.injectedP99Ms)} | error p50 ${ms(r.errorP50Ms)} ` +
    `p99 ${ms(r.errorP99Ms)}` +
    (r.ttftErrorP50Ms === undefined ? '' : ` ttft p50 ${ms(r.ttftErrorP50Ms)}`) +
    (r.dispatchLagP99Ms === undefined ? '' : ` dispatch lag p99 ${ms(r.dispatchLagP99Ms)}`) +
    `  (${(r.wallMs / 1000).toFixed(1)} s)`
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--requests');
  const requests = i < 0 ? 2000 : Number(args[i + 1]);
  const json = args.includes('--json');
  const result = await measureRealtime(requests, json ? undefined : (line) => console.log(line));
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
