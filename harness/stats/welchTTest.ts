import type { DifferenceTest } from './Interval.ts';
import { studentTQuantile, studentTTwoSidedP } from './studentT.ts';

export interface WelchResult extends DifferenceTest {
  meanBase: number;
  meanHead: number;
  /** Standard error of the difference of the means. */
  standardError: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number;
}

function meanAndVariance(xs: ArrayLike<number>): { mean: number; variance: number } {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] as number;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += ((xs[i] as number) - mean) ** 2;
  return { mean, variance: n > 1 ? sq / (n - 1) : 0 };
}

/**
 * Welch's unequal-variance t-test of mean(head) − mean(base), with its `confidence` interval
 * (default 0.95). Needs at least 2 samples on each side (throws RangeError otherwise).
 * `effectiveSizes` replaces the sample counts in the standard error and degrees of freedom for
 * serially dependent samples (see effectiveSampleSize); default: the counts.
 */
export function welchTTest(
  base: ArrayLike<number>,
  head: ArrayLike<number>,
  confidence = 0.95,
  effectiveSizes?: { base: number; head: number },
): WelchResult {
  if (base.length < 2 || head.length < 2) {
    throw new RangeError(`welchTTest needs ≥ 2 samples a side, got ${base.length} and ${head.length}`);
  }
  const n1 = effectiveSizes?.base ?? base.length;
  const n2 = effectiveSizes?.head ?? head.length;
  const a = meanAndVariance(base);
  const b = meanAndVariance(head);
  const v1 = a.variance / n1;
  const v2 = b.variance / n2;
  const difference = b.mean - a.mean;
  const standardError = Math.sqrt(v1 + v2);
  if (standardError === 0) {
    return {
      meanBase: a.mean,
      meanHead: b.mean,
      difference,
      standardError,
      t: difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY,
      df: n1 + n2 - 2,
      pValue: difference === 0 ? 1 : 0,
      interval: { low: difference, high: difference },
    };
  }
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1));
  const t = difference / standardError;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return {
    meanBase: a.mean,
    meanHead: b.mean,
    difference,
    standardError,
    t,
    df,
    pValue: studentTTwoSidedP(t, df),
    interval: { low: difference - half, high: difference + half },
  };
}

/**
 * Relative margin of error of the mean (tinybench's `rme`): t(0.975, n − 1) · SEM / |mean|, as a
 * fraction (0.05 = ±5%). Infinity for fewer than 2 samples or a zero mean.
 */
export function relativeMarginOfError(samples: ArrayLike<number>, confidence = 0.95): number {
  const n = samples.length;
  if (n < 2) return Number.POSITIVE_INFINITY;
  const { mean, variance } = meanAndVariance(samples);
  if (mean === 0) return variance === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n)) / Math.abs(mean);
}
