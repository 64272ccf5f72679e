import type { DifferenceTest } from './Interval.ts';
import { normalQuantile, normalTwoSidedP } from './normal.ts';

/**
 * Two-proportion z-test of p_head − p_base (e.g. error rates: failed / total). The test uses the
 * pooled standard error; the `confidence` interval (default 0.95) the unpooled (Wald) one.
 */
export function twoProportionZTest(
  base: { successes: number; trials: number },
  head: { successes: number; trials: number },
  confidence = 0.95,
): DifferenceTest & { z: number } {
  if (base.trials <= 0 || head.trials <= 0)
    throw new RangeError('twoProportionZTest needs trials on both sides');
  const p1 = base.successes / base.trials;
  const p2 = head.successes / head.trials;
  const difference = p2 - p1;
  const pooled = (base.successes + head.successes) / (base.trials + head.trials);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / base.trials + 1 / head.trials));
  const seWald = Math.sqrt((p1 * (1 - p1)) / base.trials + (p2 * (1 - p2)) / head.trials);
  const z =
    sePooled === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / sePooled;
  const half = normalQuantile(1 - (1 - confidence) / 2) * seWald;
  return {
    difference,
    z,
    pValue: normalTwoSidedP(z),
    interval: { low: difference - half, high: difference + half },
  };
}
