import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holmAdjust.ts';

describe('holmAdjust', () => {
  it('multiplies the k-th smallest p by (m - k) and keeps the order monotone', () => {
    // sorted: 0.01*4 = 0.04, 0.02*3 = 0.06, 0.03*2 = 0.06 (max carried), 0.04*1 = 0.04 -> 0.06
    expect(holmAdjust([0.03, 0.01, 0.04, 0.02])).toEqual([0.06, 0.04, 0.06, 0.06]);
  });

  it('caps adjusted p-values at 1 and handles an empty family', () => {
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('turns a lone p = 0.02 among five tests into 0.1 (no longer significant at 0.05)', () => {
    expect(holmAdjust([0.02, 0.5, 0.6, 0.7, 0.8])[0]).toBeCloseTo(0.1, 12);
  });
});
