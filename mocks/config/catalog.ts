import type { MockConfigInput } from './MockConfig.ts';

/** One catalog entry, as a user would write it under `models:` (before defaults are applied). */
export type ModelSpecInput = NonNullable<MockConfigInput['models']>[number];

/** Context window of the 1M-token models, in tokens. */
const ONE_MILLION = 1_000_000;

/**
 * The models the mock accepts when `config.models` is unset: ids from the official TypeScript SDK's
 * `Model` union (`@anthropic-ai/sdk` 1.12.0), with context windows, output limits and prices from
 * the models' overview pages on platform.claude.com (as stored, late 2026). `latencyFactor`
 * scales the latency model: Haiku answers faster (0.6), Opus slower (1.4), Sonnet is the reference.
 * Haiku 5.5 is priced at its short-prompt rate (prompts up to 100k tokens). `created_at` dates are
 * release dates where the docs state one; the 5.5 Opus/Sonnet dates are approximate (first seen).
 */
export const DEFAULT_MODELS: readonly ModelSpecInput[] = [
  model('claude-opus-5-5', 'Claude Opus 5.5', '2026-09-29', ONE_MILLION, 128_000, 4, 20, 1.4),
  model('claude-sonnet-5-5', 'Claude Sonnet 5.5', '2026-09-29', ONE_MILLION, 128_000, 2, 10, 1),
  model('claude-haiku-5-5', 'Claude Haiku 5.5', '2026-10-07', ONE_MILLION, 128_000, 0.1, 0.5, 0.6),
  model('claude-opus-4-8', 'Claude Opus 4.8', '2026-05-28', ONE_MILLION, 128_000, 5, 25, 1.4),
  model('claude-opus-4-6', 'Claude Opus 4.6', '2026-02-05', ONE_MILLION, 128_000, 5, 25, 1.4),
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17', ONE_MILLION, 128_000, 3, 15, 1),
  model('claude-opus-4-5', 'Claude Opus 4.5', '2025-11-24', 200_000, 64_000, 5, 25, 1.4, [
    'claude-opus-4-5-20251101',
  ]),
  model('claude-sonnet-4-5', 'Claude Sonnet 4.5', '2025-09-29', 200_000, 64_000, 3, 15, 1, [
    'claude-sonnet-4-5-20250929',
  ]),
  model('claude-haiku-4-5', 'Claude Haiku 4.5', '2025-10-15', 200_000, 64_000, 1, 5, 0.6, [
    'claude-haiku-4-5-20251001',
  ]),
];

function model(
  id: string,
  displayName: string,
  releaseDate: string,
  contextTokens: number,
  maxOutputTokens: number,
  inputPerMTok: number,
  outputPerMTok: number,
  latencyFactor: number,
  aliases: string[] = [],
): ModelSpecInput {
  return {
    id,
    aliases,
    displayName,
    createdAt: `${releaseDate}T00:00:00Z`,
    maxOutputTokens,
    contextTokens,
    inputPerMTok,
    outputPerMTok,
    latencyFactor,
  };
}

/** USD per million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/**
 * Prices (USD per million input / output tokens) of every default model, keyed by id and by each
 * alias, for the harness's cost figures. A fresh object each call: callers may merge into it.
 */
export function defaultPrices(): Record<string, ModelPrice> {
  const prices: Record<string, ModelPrice> = {};
  for (const m of DEFAULT_MODELS) {
    const price = { inputPerMTok: m.inputPerMTok, outputPerMTok: m.outputPerMTok };
    prices[m.id] = price;
    for (const alias of m.aliases ?? []) prices[alias] = { ...price };
  }
  return prices;
}

/** The default catalog with every model's output limited to `maxOutputTokens` (the seeds' 4096 ceiling). */
export function modelsWithOutputCap(maxOutputTokens: number): ModelSpecInput[] {
  return DEFAULT_MODELS.map((m) => ({ ...m, maxOutputTokens: Math.min(m.maxOutputTokens, maxOutputTokens) }));
}
