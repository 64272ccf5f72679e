/**
 * Serial dependence of samples in completion order. Latencies of one run are not independent: a
 * batch's members finish together, a queue behind a rate limit slows a stretch of requests. Tests
 * that assume independence then see far more evidence than there is (the quickstart's batched
 * runs have lag-1 autocorrelation 0.6-0.8: a ninth of the nominal sample size).
 */

/** Lag-1 autocorrelation of `xs` in their order; 0 for fewer than 3 samples or constant samples. */
export function lag1Autocorrelation(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 3) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i] as number;
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - mean;
    den += d * d;
    if (i > 0) num += d * ((xs[i - 1] as number) - mean);
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Effective sample size for the mean under AR(1) dependence: n · (1 − ρ) / (1 + ρ) for ρ > 0
 * (negative ρ is not credited), at least 2 and at most n.
 */
export function effectiveSampleSize(n: number, rho: number): number {
  if (!(rho > 0)) return n;
  const r = Math.min(rho, 0.99);
  return Math.min(n, Math.max(2, (n * (1 - r)) / (1 + r)));
}

/** Below this lag-1 autocorrelation, samples are treated as independent (blocks of 1). */
export const INDEPENDENCE_THRESHOLD = 0.1;

/**
 * Block length for a moving-block bootstrap: 1 for (nearly) independent samples, else n^(1/3)
 * scaled by the AR(1) plug-in factor (2ρ / (1 − ρ²))^(2/3) (Politis & White), rounded up, between
 * 1 and n / 4.
 */
export function blockLength(n: number, rho: number): number {
  if (n < 8 || !(rho > INDEPENDENCE_THRESHOLD)) return 1;
  const r = Math.min(Math.max(rho, 0), 0.99);
  const factor = r > 0 ? Math.max(1, ((2 * r) / (1 - r * r)) ** (2 / 3)) : 1;
  return Math.max(1, Math.min(Math.floor(n / 4), Math.ceil(Math.cbrt(n) * factor)));
}
