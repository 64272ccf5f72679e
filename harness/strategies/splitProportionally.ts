/**
 * Splits a whole number `total` into integer shares proportional to `weights` (largest remainder:
 * the shares always add up to `total`; ties go to the earlier share). All-zero weights split evenly.
 */
export function splitProportionally(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  let sum = 0;
  for (const w of weights) sum += w;
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / n));
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) {
    const i = (order[k] as readonly [number, number])[1];
    shares[i] = (shares[i] as number) + 1;
  }
  return shares;
}
