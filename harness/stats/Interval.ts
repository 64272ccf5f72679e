/** A closed interval [low, high] in the unit of the quantity it bounds. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The result of a two-sample test of "head differs from base": the estimated difference
 * (head − base), its confidence interval, and the two-sided p-value of "no difference".
 */
export interface DifferenceTest {
  /** head − base, in the unit of the compared quantity. */
  difference: number;
  interval: Interval;
  /** Two-sided p-value in [0, 1]. */
  pValue: number;
}
