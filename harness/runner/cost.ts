import type { Price } from '../scenario/types.ts';

/**
 * Anthropic's published prompt-caching multipliers of the base input price: a cache write costs
 * 1.25× (5-minute ttl) or 2× (1-hour ttl), a cache read 0.1×.
 */
export const CACHE_PRICE_MULTIPLIERS = { write5m: 1.25, write1h: 2, read: 0.1 } as const;

/** Tokens the API billed, by kind. `cacheWriteTokens` counts every ttl; `cacheWrite1hTokens` is its 1-hour part. */
export interface BilledTokens {
  /** `input_tokens`: uncached input. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
}

/**
 * USD for billed tokens at a model's price (USD per million tokens). Cache writes and reads use the
 * price's own `cacheWritePerMTok` / `cacheWrite1hPerMTok` / `cacheReadPerMTok` when set, else the
 * input price times {@link CACHE_PRICE_MULTIPLIERS}. Without cache tokens it is exactly
 * `(input × inputPrice + output × outputPrice) / 1e6`.
 */
export function costUsd(price: Price, tokens: BilledTokens): number {
  const base = tokens.inputTokens * price.inputPerMTok + tokens.outputTokens * price.outputPerMTok;
  const write1h = tokens.cacheWrite1hTokens;
  const write5m = tokens.cacheWriteTokens - write1h;
  const read = tokens.cacheReadTokens;
  if (write5m === 0 && write1h === 0 && read === 0) return base / 1e6;
  const m = CACHE_PRICE_MULTIPLIERS;
  const cache =
    write5m * (price.cacheWritePerMTok ?? price.inputPerMTok * m.write5m) +
    write1h * (price.cacheWrite1hPerMTok ?? price.inputPerMTok * m.write1h) +
    read * (price.cacheReadPerMTok ?? price.inputPerMTok * m.read);
  return (base + cache) / 1e6;
}
