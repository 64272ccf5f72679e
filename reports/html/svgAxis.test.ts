import { describe, expect, it } from 'vitest';
import { placeLabels } from './scatterSvg.ts';
import { linearTicks, scaleFor } from './svgAxis.ts';

describe('linearTicks', () => {
  it('gives round ticks 1, 2, 2.5 or 5 × 10^k apart', () => {
    expect(linearTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(0.3, 1.2)).toEqual([0.4, 0.6, 0.8, 1, 1.2]);
  });

  it('ends on a range far narrower than its values (two runs costing nearly the same hung the report)', () => {
    const ticks = linearTicks(0.0123, 0.0123 + 1e-15);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(21);
    expect(scaleFor([0.4148, 0.4148000000000001], 0, 100).ticks.length).toBeLessThanOrEqual(21);
  });
});

describe('placeLabels', () => {
  it('ends when two identical points meet at coordinates float arithmetic cannot separate by exactly the gap', () => {
    const labels = [
      { ly: 124.00000000000007, x0: 248, x1: 290 },
      { ly: 124.00000000000007, x0: 248, x1: 283 },
    ];
    placeLabels(labels);
    expect(labels.map((l) => Math.round(l.ly))).toEqual([124, 138]);
  });
});
