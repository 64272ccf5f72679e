import type { MockConfigInput } from './MockConfig.ts';
import type { MockPreset } from './presets.ts';

/**
 * The API's usage tiers as mock presets: rate limits per model class and the monthly spend limit.
 *
 * Figures: the "Rate limits" page of the Claude docs (docs.claude.com/en/api/rate-limits), Tier 1
 * to Tier 4 tables for Claude Opus 4.x (one pool across Opus 4.8, 4.6 and 4.5), Claude Sonnet 4.x
 * (Sonnet 4.6 and 4.5) and Claude Haiku 4.5, as copied by hivebook.wiki/wiki/anthropic-api-rate-limits
 * (read 2026-12-04); Tier 1 agrees with the docs' Japanese mirror quoted in anthropic-wire.md §3.3.
 * Monthly spend limits: $100, $500, $1,000 and $5,000 (the same page, anthropic-wire.md §3.3).
 * Since late 2026 the docs name the tiers Evaluation, Start, Build, Scale and Custom (support
 * article 8243635, read 2026-12-04) with figures per model generation that we could not read in
 * full; these presets keep the Tier 1-4 figures, which the API served to most organisations through
 * 2026. Treat them as configuration: override `rateLimits` with your Console's figures.
 *
 * Sonnet's figures are the top-level `rateLimits` (so a scenario that overrides `rateLimits`
 * changes Sonnet's pool, as it did before the classes existed); Opus and Haiku have pools of their
 * own under `byModelClass`.
 */
export const TIER_SOURCE = 'docs.claude.com/en/api/rate-limits Tier 1-4 tables (read 2026-12-04)';

/** One class's limits: requests, input and output tokens a minute. */
function pool(requestsPerMin: number, inputPerMin: number, outputPerMin: number) {
  return {
    requests: `${requestsPerMin}/min`,
    inputTokens: `${inputPerMin}/min`,
    outputTokens: `${outputPerMin}/min`,
  };
}

function tier(
  n: number,
  opusSonnet: [number, number, number],
  haiku: [number, number, number],
  monthlySpendLimitUsd: number,
): MockPreset {
  const [rpm, itpm, otpm] = opusSonnet;
  const config: MockConfigInput = {
    rateLimits: {
      ...pool(...opusSonnet),
      byModelClass: { opus: pool(...opusSonnet), haiku: pool(...haiku) },
    },
    monthlySpendLimitUsd,
  };
  return {
    description: `Tier ${n}: Sonnet and Opus ${rpm.toLocaleString('en-US')} requests, ${itpm.toLocaleString('en-US')} input and ${otpm.toLocaleString('en-US')} output tokens/min each, Haiku ${haiku[1].toLocaleString('en-US')}/${haiku[2].toLocaleString('en-US')}; $${monthlySpendLimitUsd.toLocaleString('en-US')} a month`,
    config,
  };
}

export const TIER_PRESETS: Readonly<Record<string, MockPreset>> = {
  'tier-1': tier(1, [50, 30_000, 8_000], [50, 50_000, 10_000], 100),
  'tier-2': tier(2, [1_000, 450_000, 90_000], [1_000, 450_000, 90_000], 500),
  'tier-3': tier(3, [2_000, 800_000, 160_000], [2_000, 1_000_000, 200_000], 1_000),
  'tier-4': tier(4, [4_000, 2_000_000, 400_000], [4_000, 4_000_000, 800_000], 5_000),
};
