import type { Interval } from '../Interval.ts';

/**
 * The outcome of `bench compare`: per matched run and headline metric, baseline vs current and a
 * verdict. Plain JSON-serialisable data; the renderers in reports/compare turn it into text.
 */

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'inconclusive';

/** How a metric was judged. */
export type ComparisonMethod =
  /** Simulated, same seed and scenario: any difference beyond 1e-9 relative is real. */
  | 'deterministic'
  /** Welch's t-test on the latency samples (means), with effective sample sizes under serial correlation. */
  | 'welch-t'
  /** Seeded moving-block percentile bootstrap of the difference (percentiles). */
  | 'bootstrap'
  /** Two-proportion z-test (error rate, cache hit rate). */
  | 'two-proportion-z'
  /** Poisson rate test on successful requests over the window (throughput). */
  | 'poisson-rate'
  /** Not judged: missing on a side, too few samples, an invalid run, or no samples to test (cost, retries...). */
  | 'none';

export interface MetricComparison {
  metric: string;
  better: 'lower' | 'higher';
  baseline?: number;
  current?: number;
  /** (current − baseline) / |baseline| × 100; absent when baseline is 0 (and current is not) or a value is missing. */
  deltaPct?: number;
  /** (1 − alpha) confidence interval of current − baseline, in the metric's unit (statistical methods). */
  interval?: Interval;
  pValue?: number;
  /** Holm-adjusted p-value across every tested metric of the comparison. */
  adjustedPValue?: number;
  method: ComparisonMethod;
  verdict: Verdict;
  /** The rule that decided, in words. */
  reason: string;
}

export interface RunRef {
  strategy: string;
  cellId: string;
}

/** A run of base or head judged not a valid measurement (docs/realtime.md), with the reasons it carries. */
export interface InvalidRun extends RunRef {
  side: 'base' | 'head';
  reasons: string[];
}

export interface RunComparison extends RunRef {
  metrics: MetricComparison[];
}

export interface ComparisonSettings {
  /** Metric paths judged, e.g. `latencyMs.p99`. */
  metrics: string[];
  /**
   * Practical-effect threshold as a fraction of the baseline (0.05 = ±5%). 0 in a deterministic
   * comparison without `--noise`: every real change counts.
   */
  noise: number;
  /** Significance level (family-wise, Holm). */
  alpha: number;
  /** Fewer samples than this on a side: inconclusive. */
  minSamples: number;
  /** Bootstrap resamples, and the seed of their generator. */
  resamples: number;
  bootstrapSeed: number;
  /** Runs of base missing from head are accepted (`--allow-missing`) instead of failing the comparison. */
  allowMissing: boolean;
}

export interface ComparedFile {
  scenario: string;
  mode: 'simulated' | 'realtime';
  seed: number;
  startedAt: string;
}

export interface Comparison {
  kind: 'deterministic' | 'statistical';
  /** One line saying which kind of comparison this is and the rule used. */
  summary: string;
  base: ComparedFile;
  head: ComparedFile;
  settings: ComparisonSettings;
  runs: RunComparison[];
  /** Runs only in head / only in base (missing from head: a failure unless `settings.allowMissing`). */
  added: RunRef[];
  removed: RunRef[];
  /**
   * Runs of either file judged invalid (realtime generator outside its `validity:` limits, or
   * nothing measured): their metrics are not judged, and the comparison exits 3.
   */
  invalid: InvalidRun[];
  warnings: string[];
  counts: Record<Verdict, number>;
  /** Size of the Holm family (tested metrics). */
  tests: number;
}

/** The headline metrics compared by default. */
export const DEFAULT_COMPARE_METRICS: readonly string[] = [
  'latencyMs.mean',
  'latencyMs.p99',
  'throughput.requestsPerMin',
  'errorRate',
  'costUsd',
];

/** Deterministic comparisons treat relative differences up to this as float noise. */
export const DETERMINISTIC_TOLERANCE = 1e-9;

/**
 * Whether a comparison fails a CI gate (exit 1): a regression, or runs of base missing from head
 * (unless `settings.allowMissing`), which includes two files with no run in common. Never with
 * `failOn` `none` (report only).
 */
export function comparisonFails(
  comparison: Comparison,
  failOn: 'regression' | 'none' = 'regression',
): boolean {
  if (failOn === 'none') return false;
  return comparison.counts.regressed > 0 || missingFails(comparison);
}

/** Runs of base are missing from head and `--allow-missing` was not given. */
export function missingFails(comparison: Comparison): boolean {
  return !comparison.settings.allowMissing && comparison.removed.length > 0;
}

/**
 * The exit code of `bench compare`: 3 when base or head holds a run judged invalid (no valid
 * measurement to compare; 3 wins over 1, whatever `failOn`), 1 when `comparisonFails`, else 0.
 */
export function comparisonExitCode(
  comparison: Comparison,
  failOn: 'regression' | 'none' = 'regression',
): 0 | 1 | 3 {
  if (comparison.invalid.length > 0) return 3;
  return comparisonFails(comparison, failOn) ? 1 : 0;
}
