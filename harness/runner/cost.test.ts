import { describe, expect, it } from 'vitest';
import { type BilledTokens, costUsd } from './cost.ts';

const SONNET = { inputPerMTok: 3, outputPerMTok: 15 };
const NONE: BilledTokens = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
};

describe('costUsd', () => {
  it('is (input × input price + output × output price) / 1e6 without cache tokens, bit for bit', () => {
    const tokens = { ...NONE, inputTokens: 123_457, outputTokens: 98_765 };
    expect(costUsd(SONNET, tokens)).toBe((123_457 * 3 + 98_765 * 15) / 1e6);
  });

  it("prices cache writes at 1.25× input (5m), 2× (1h) and reads at 0.1×, Anthropic's multipliers", () => {
    expect(costUsd(SONNET, { ...NONE, cacheWriteTokens: 1_000_000 })).toBeCloseTo(3.75, 12);
    expect(
      costUsd(SONNET, { ...NONE, cacheWriteTokens: 1_000_000, cacheWrite1hTokens: 1_000_000 }),
    ).toBeCloseTo(6, 12);
    expect(costUsd(SONNET, { ...NONE, cacheReadTokens: 1_000_000 })).toBeCloseTo(0.3, 12);
    // 400 000 written for 5m, 100 000 for 1h, 2M read, 10k input, 5k output.
    const mixed = {
      inputTokens: 10_000,
      outputTokens: 5_000,
      cacheReadTokens: 2_000_000,
      cacheWriteTokens: 500_000,
      cacheWrite1hTokens: 100_000,
    };
    expect(costUsd(SONNET, mixed)).toBeCloseTo(0.03 + 0.075 + 1.5 + 0.6 + 0.6, 12);
  });

  it('uses per-model cache prices when the scenario gives them', () => {
    const price = { ...SONNET, cacheWritePerMTok: 4, cacheWrite1hPerMTok: 5, cacheReadPerMTok: 0.5 };
    const tokens = {
      ...NONE,
      cacheReadTokens: 1_000_000,
      cacheWriteTokens: 3_000_000,
      cacheWrite1hTokens: 1_000_000,
    };
    expect(costUsd(price, tokens)).toBeCloseTo(0.5 + 2 * 4 + 5, 12);
  });
});
