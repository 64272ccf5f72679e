/**
 * Holm–Bonferroni adjusted p-values, in the input order: sort ascending, multiply the k-th smallest
 * (0-based) by (m − k), carry the running maximum, cap at 1. Rejecting where adjusted p < alpha
 * controls the family-wise error rate at alpha across all m tests.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
