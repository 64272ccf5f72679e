import type { Random } from '../../base/random/Random.ts';
import type { DifferenceTest } from './Interval.ts';

export interface BootstrapOptions {
  /** Seeded generator: the same seed gives the same interval (fork a named stream per test). */
  random: Random;
  /** Resamples drawn. Default 4000 (smallest possible p-value ≈ 2 / 4001 = 0.0005). */
  resamples?: number;
  /** Confidence of the percentile interval. Default 0.95. */
  confidence?: number;
  /**
   * Moving-block bootstrap: resample runs of this many consecutive samples, so serial dependence
   * survives resampling (see blockLength). Per side; default 1 (independent samples).
   */
  blockLength?: { base: number; head: number };
}

function resampleSorted(
  samples: ArrayLike<number>,
  block: number,
  random: Random,
  into: Float64Array,
): Float64Array {
  const n = samples.length;
  const length = Math.max(1, Math.min(block, n));
  let i = 0;
  while (i < n) {
    const start = random.int(n - length + 1);
    for (let j = 0; j < length && i < n; j++) into[i++] = samples[start + j] as number;
  }
  return into.sort();
}

/**
 * Percentile bootstrap of statistic(head) − statistic(base), resampling each side independently
 * (in blocks of consecutive samples when `blockLength` is set).
 * `statistic` receives ascending-sorted samples (e.g. `(s) => percentileSorted(s, 99)`). The
 * p-value is the two-sided bootstrap p: 2 · min(share of resampled differences ≤ 0, share ≥ 0),
 * with +1 smoothing so it is never 0.
 */
export function bootstrapDifference(
  base: ArrayLike<number>,
  head: ArrayLike<number>,
  statistic: (sorted: Float64Array) => number,
  options: BootstrapOptions,
): DifferenceTest {
  const resamples = options.resamples ?? 4000;
  const confidence = options.confidence ?? 0.95;
  if (base.length === 0 || head.length === 0)
    throw new RangeError('bootstrapDifference needs samples on both sides');
  const difference = statistic(Float64Array.from(head).sort()) - statistic(Float64Array.from(base).sort());
  const bufBase = new Float64Array(base.length);
  const bufHead = new Float64Array(head.length);
  const blockBase = options.blockLength?.base ?? 1;
  const blockHead = options.blockLength?.head ?? 1;
  const diffs = new Float64Array(resamples);
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < resamples; i++) {
    const d =
      statistic(resampleSorted(head, blockHead, options.random, bufHead)) -
      statistic(resampleSorted(base, blockBase, options.random, bufBase));
    diffs[i] = d;
    if (d <= 0) atOrBelow++;
    if (d >= 0) atOrAbove++;
  }
  diffs.sort();
  const tail = (1 - confidence) / 2;
  const at = (q: number): number =>
    diffs[Math.min(resamples - 1, Math.max(0, Math.ceil(q * resamples) - 1))] as number;
  return {
    difference,
    interval: { low: at(tail), high: at(1 - tail) },
    pValue: Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (resamples + 1)),
  };
}
