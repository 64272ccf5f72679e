import type { RunMetrics } from '../results/ResultsFile.ts';

/**
 * Metric paths into `RunMetrics` (`latencyMs.p99`, `errorRate`, `throughput.requestsPerMin`):
 * reading them, the short names the CLI accepts, which direction is better, and their unit.
 */

const SUMMARY_KEYS = ['count', 'mean', 'stddev', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;
const SUMMARY_PREFIXES = ['latencyMs', 'ttftMs', 'itlMs', 'schedule.dispatchLagMs'] as const;
const SCALAR_PATHS = [
  'requests.total',
  'requests.ok',
  'requests.failed',
  'throughput.requestsPerSec',
  'throughput.requestsPerMin',
  'throughput.outputTokensPerSec',
  'errorRate',
  'upstream.calls',
  'retries',
  'cache.hits',
  'cache.hitRate',
  'batch.batches',
  'batch.meanSize',
  'batch.splitFailures',
  'tokens.input',
  'tokens.output',
  'tokens.wastedOutput',
  'tokens.cacheRead',
  'tokens.cacheWrite',
  'costUsd',
  'goodput.requests',
  'goodput.ratio',
  'goodput.requestsPerSec',
  'goodput.requestsPerMin',
  'schedule.targetRatePerSec',
  'schedule.achievedRatePerSec',
  'schedule.lateStarts',
  'windowMs',
  'overheadMs.p50',
  'overheadMs.p90',
  'overheadMs.p99',
] as const;

/** Every numeric path of `RunMetrics` (excluding the open-ended `byOutcome` / `byStatus` maps). */
export const METRIC_PATHS: readonly string[] = [
  ...SUMMARY_PREFIXES.flatMap((prefix) => SUMMARY_KEYS.map((key) => `${prefix}.${key}`)),
  ...SCALAR_PATHS,
];

/** Short names accepted wherever a metric path is (`--metrics p99,mean`). */
export const METRIC_ALIASES: Readonly<Record<string, string>> = {
  mean: 'latencyMs.mean',
  p50: 'latencyMs.p50',
  median: 'latencyMs.p50',
  p90: 'latencyMs.p90',
  p95: 'latencyMs.p95',
  p99: 'latencyMs.p99',
  'p99.9': 'latencyMs.p999',
  max: 'latencyMs.max',
  ttft: 'ttftMs.mean',
  itl: 'itlMs.mean',
  throughput: 'throughput.requestsPerMin',
  rpm: 'throughput.requestsPerMin',
  rps: 'throughput.requestsPerSec',
  errors: 'errorRate',
  'error-rate': 'errorRate',
  retries: 'retries',
  'hit-rate': 'cache.hitRate',
  cost: 'costUsd',
  goodput: 'goodput.ratio',
};

/** The full path for a path or alias; undefined when it names no metric. */
export function resolveMetricPath(name: string): string | undefined {
  const trimmed = name.trim();
  const path = METRIC_ALIASES[trimmed] ?? trimmed;
  return METRIC_PATHS.includes(path) ? path : undefined;
}

/** The value at `path`, or undefined when the run did not measure it (e.g. `ttftMs` without streaming). */
export function readMetric(metrics: RunMetrics, path: string): number | undefined {
  let node: unknown = metrics;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined && COUNT_MAPS.some((prefix) => path.startsWith(prefix))) {
    // Count maps list only what happened: an outcome or status that never occurred counted 0.
    return 0;
  }
  return typeof node === 'number' && !Number.isNaN(node) ? node : undefined;
}

/** Maps of counts whose absent keys mean zero. */
const COUNT_MAPS = ['requests.byOutcome.', 'upstream.byStatus.'];

const HIGHER_IS_BETTER = [
  'throughput.',
  'goodput.',
  'cache.hitRate',
  'cache.hits',
  'requests.ok',
  'schedule.achievedRatePerSec',
];

/** Which direction is an improvement: lower latency, errors and cost; higher throughput, hit rate, goodput. */
export function metricDirection(path: string): 'lower' | 'higher' {
  return HIGHER_IS_BETTER.some((p) => path.startsWith(p)) ? 'higher' : 'lower';
}

export type MetricUnit = 'ms' | 'ratio' | 'perMin' | 'perSec' | 'usd' | 'count';

/** The unit a path's values are in, for formatting. */
export function metricUnit(path: string): MetricUnit {
  if (path === 'errorRate' || path === 'cache.hitRate' || path === 'goodput.ratio') return 'ratio';
  if (path === 'costUsd') return 'usd';
  if (path.endsWith('PerMin')) return 'perMin';
  if (path.endsWith('PerSec')) return 'perSec';
  if (/Ms\.(mean|stddev|min|p\d+|max)$/.test(path) || path === 'windowMs') return 'ms';
  return 'count';
}
