import type { DifferenceTest } from './Interval.ts';
import { normalQuantile, normalTwoSidedP } from './normal.ts';

/**
 * Test of rate_head − rate_base for event counts over exposure windows (throughput: successful
 * requests over the measurement window), treating counts as Poisson: Var(k / T) = k / T². Rates
 * come out per unit of `exposure` (pass minutes to get per-minute rates). A closed-loop
 * workload's completions are more regular than Poisson, so the test is conservative there.
 */
export function poissonRateTest(
  base: { events: number; exposure: number },
  head: { events: number; exposure: number },
  confidence = 0.95,
): DifferenceTest & { z: number } {
  if (base.exposure <= 0 || head.exposure <= 0)
    throw new RangeError('poissonRateTest needs positive exposures');
  const r1 = base.events / base.exposure;
  const r2 = head.events / head.exposure;
  const difference = r2 - r1;
  const se = Math.sqrt(base.events / base.exposure ** 2 + head.events / head.exposure ** 2);
  const z = se === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / se;
  const half = normalQuantile(1 - (1 - confidence) / 2) * se;
  return {
    difference,
    z,
    pValue: normalTwoSidedP(z),
    interval: { low: difference - half, high: difference + half },
  };
}
