import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS, defaultPrices } from './catalog.ts';
import { MOCK_PRESETS, resolveMockConfig } from './presets.ts';

describe('model catalog', () => {
  it('prices every default model and alias (USD per million tokens)', () => {
    const prices = defaultPrices();
    expect(prices['claude-opus-4-8']).toEqual({ inputPerMTok: 5, outputPerMTok: 25 });
    expect(prices['claude-sonnet-4-5-20250929']).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(prices['claude-haiku-4-5']).toEqual({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(Object.keys(prices)).toHaveLength(DEFAULT_MODELS.length + 3);
  });

  it('makes Haiku faster and Opus slower than Sonnet', () => {
    const factor = (id: string) => DEFAULT_MODELS.find((m) => m.id === id)?.latencyFactor;
    expect([factor('claude-haiku-4-5'), factor('claude-sonnet-4-5'), factor('claude-opus-4-5')]).toEqual([
      0.6, 1, 1.4,
    ]);
  });
});

describe('mock presets', () => {
  it('all resolve', () => {
    for (const name of Object.keys(MOCK_PRESETS)) expect(() => resolveMockConfig(name)).not.toThrow();
  });

  it('refuses an unknown preset with an InputError naming the accepted ones', () => {
    expect(() => resolveMockConfig('fast')).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message:
          'mock preset: unknown preset "fast"; use one of perfect, default, free-tier, model-latency, tier-1, tier-2, tier-3, tier-4, flaky',
      }),
    );
  });

  it("gives the free tier the seeds' 4096-token output ceiling and room for one such request", () => {
    const config = resolveMockConfig('free-tier');
    expect(new Set(config.models?.map((m) => m.maxOutputTokens))).toEqual(new Set([4096]));
    expect((config.rateLimits.outputTokens ?? 0) * 60).toBeGreaterThanOrEqual(4096);
    expect(config.rateLimits.requests).toBeCloseTo(20 / 60, 12);
  });
});
