import type { Summary } from '../results/ResultsFile.ts';

/** The summary of no samples: every statistic 0, count 0. */
export const EMPTY_SUMMARY: Summary = {
  count: 0,
  mean: 0,
  stddev: 0,
  min: 0,
  p50: 0,
  p90: 0,
  p95: 0,
  p99: 0,
  max: 0,
};

/**
 * Successful samples a run needs before its summary reports p99.9: with 1000, the p99.9 is the
 * second-largest sample (rank 999), so one outlier cannot make it; with fewer it would be the max.
 */
export const P999_MIN_SAMPLES = 1000;

/**
 * Nearest-rank percentile of ascending-sorted samples: the smallest sample with at least p% of the
 * samples at or below it. Always an observed value, so percentiles are exact and reproducible.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n - 1, Math.max(0, rank - 1))] as number;
}

/**
 * Mean, sample standard deviation (n − 1), min, max and nearest-rank p50/p90/p95/p99 (and p99.9
 * from {@link P999_MIN_SAMPLES} samples on) of `samples`
 * (any unit; ms in results). A pure function: the input is copied, not sorted in place.
 */
export function summarize(samples: ArrayLike<number>): Summary {
  const n = samples.length;
  if (n === 0) return { ...EMPTY_SUMMARY };
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = (sorted[i] as number) - mean;
    sq += d * d;
  }
  return {
    count: n,
    mean,
    stddev: n > 1 ? Math.sqrt(sq / (n - 1)) : 0,
    min: sorted[0] as number,
    p50: percentileSorted(sorted, 50),
    p90: percentileSorted(sorted, 90),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    // Rank ceil(0.999 n) in integers: 0.999 × 1000 is 999.0000000000001 in floating point.
    ...(n >= P999_MIN_SAMPLES ? { p999: sorted[Math.ceil((999 * n) / 1000) - 1] as number } : {}),
    max: sorted[n - 1] as number,
  };
}
