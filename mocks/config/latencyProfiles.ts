import type { MockConfigInput } from './MockConfig.ts';

/**
 * Measured latency per model class, for `latency.byModelClass` (the `model-latency` preset).
 * Time to first token and output speed of the API as third-party benchmarks measured them (read
 * 2026-12-04); they move with load, region and model version, so treat them as a starting point:
 *
 * - Sonnet (Sonnet 4.5): 1.80 s TTFT, 63 tokens/s, Artificial Analysis, as quoted on
 *   lattice.uptownhr.com/claude-opus-4-5/speed-analysis.
 * - Opus (Opus 4.1, the last Opus measured there): 2.67 s TTFT, 45 tokens/s, Artificial Analysis,
 *   same page.
 * - Haiku (Haiku 4.5): 1.34 s TTFT, 97 tokens/s, lmspeed.net (30 tests), on
 *   lmspeed.net/compare/model/claude-haiku-4-5-vs-claude-sonnet-4-6.
 *
 * These TTFTs include the benchmarks' network and prompt handling, so they are higher than the
 * default preset's 400 ms.
 */
export const MEASURED_LATENCY_PROFILES = {
  opus: { ttftMs: 2670, outputTokensPerSec: 45 },
  sonnet: { ttftMs: 1800, outputTokensPerSec: 63 },
  haiku: { ttftMs: 1340, outputTokensPerSec: 97 },
} as const satisfies NonNullable<NonNullable<MockConfigInput['latency']>['byModelClass']>;
