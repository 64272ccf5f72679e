import { InputError } from '../../base/errors.ts';
import { modelsWithOutputCap } from './catalog.ts';
import { MEASURED_LATENCY_PROFILES } from './latencyProfiles.ts';
import { type MockConfig, type MockConfigInput, mockConfigSchema } from './MockConfig.ts';
import { TIER_PRESETS } from './tiers.ts';

export interface MockPreset {
  /** One line for `bench mock --list-presets`. */
  description: string;
  config: MockConfigInput;
}

/**
 * Named starting points for the mock. A scenario's `mock:` fields are merged on top (objects merge
 * key by key, arrays and scalars replace).
 */
export const MOCK_PRESETS: Readonly<Record<string, MockPreset>> = {
  perfect: {
    description: 'instant answers: no latency, no limits, no faults (measures client overhead)',
    config: {
      latency: {
        overheadMs: 0,
        ttftMs: 0,
        perInputTokenMs: 0,
        perInputTokenAboveKneeMs: 0,
        outputTokensPerSec: 1e9,
        jitterSigma: 0,
        generationJitterSigma: 0,
      },
    },
  },
  default: {
    description: 'realistic latency (400 ms TTFT, 60 tokens/s, lognormal jitter), no limits, no faults',
    config: {},
  },
  'free-tier': {
    description: "the seeds' free tier: 20 requests/min, 4096 max output tokens, 3-5 s cold start (seed 000)",
    config: {
      // Output tokens are estimated from max_tokens at admission, so the bucket must hold at least
      // one 4096-token request.
      rateLimits: { requests: '20/min', inputTokens: '10000/min', outputTokens: '8000/min' },
      latency: { coldStart: { requests: 1, idleMs: '5m', minMs: '3s', maxMs: '5s' } },
      models: modelsWithOutputCap(4096),
    },
  },
  'model-latency': {
    description:
      'measured latency per model class: Haiku 1.34 s TTFT, 97 tokens/s; Sonnet 1.8 s, 63/s; Opus 2.67 s, 45/s; no limits, no faults',
    config: { latency: { byModelClass: MEASURED_LATENCY_PROFILES } },
  },
  ...TIER_PRESETS,
  flaky: {
    description:
      'Tier-1 limits plus faults: 2% 529, 1% 500, 0.5% 504, 3% dropped streams, 1% mid-stream errors',
    config: {
      rateLimits: { requests: '50/min', inputTokens: '30000/min', outputTokens: '8000/min' },
      faults: { error529: 0.02, error500: 0.01, error504: 0.005, streamDrop: 0.03, streamErrorEvent: 0.01 },
    },
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge for config inputs: objects merge key by key; arrays and scalars from `over` replace. */
export function mergeConfig<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeConfig(out[key], value);
  return out as T;
}

/**
 * The preset's config with `overrides` merged on top, validated and resolved. Throws zod's error
 * on invalid overrides; callers that know the source file turn it into positioned problems.
 */
export function resolveMockConfig(preset: string, overrides: unknown = {}): MockConfig {
  const base = MOCK_PRESETS[preset];
  if (base === undefined) {
    throw new InputError([
      {
        path: 'mock preset',
        message: `unknown preset "${preset}"; use one of ${Object.keys(MOCK_PRESETS).join(', ')}`,
      },
    ]);
  }
  return mockConfigSchema.parse(mergeConfig(base.config, overrides));
}
