import type { ModelSpec } from '../config/MockConfig.ts';

/** Tokens one answer is billed for, by price class. */
export interface BilledTokens {
  /** Uncached input (`input_tokens`). */
  inputTokens: number;
  cacheReadTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  outputTokens: number;
}

/** Prompt-cache price multipliers of the input price (Anthropic's pricing page): 5m write, 1h write, read. */
export const CACHE_WRITE_5M_FACTOR = 1.25;
export const CACHE_WRITE_1H_FACTOR = 2;
export const CACHE_READ_FACTOR = 0.1;

/** USD an answer costs at the model's prices (per million tokens). */
export function costUsd(
  model: Pick<ModelSpec, 'inputPerMTok' | 'outputPerMTok'>,
  tokens: BilledTokens,
): number {
  const inputUnits =
    tokens.inputTokens +
    tokens.cacheWrite5mTokens * CACHE_WRITE_5M_FACTOR +
    tokens.cacheWrite1hTokens * CACHE_WRITE_1H_FACTOR +
    tokens.cacheReadTokens * CACHE_READ_FACTOR;
  return (inputUnits * model.inputPerMTok + tokens.outputTokens * model.outputPerMTok) / 1e6;
}

/** `YYYY-MM-01` of the calendar month (UTC) after the one holding `epochMs`. */
function nextMonthStart(epochMs: number): string {
  const d = new Date(epochMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

function monthOf(epochMs: number): number {
  const d = new Date(epochMs);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * The organisation's monthly spend limit (MockConfig `monthlySpendLimitUsd`): answers are priced
 * from the mock's own usage at the catalog's prices (prompt-cache writes 1.25x or 2x the input
 * price, reads 0.1x) and added up per calendar month (UTC, on the clock's wall time). Once the
 * month's spend reaches the limit, new requests are refused until the next month starts, with the
 * API's message; requests already admitted finish (and are billed). Unset limit: it only counts.
 */
export class SpendMeter {
  readonly #limitUsd: number | undefined;
  #month = Number.NaN;
  #spentUsd = 0;

  constructor(limitUsd: number | undefined) {
    this.#limitUsd = limitUsd;
  }

  /** Adds an answer's cost to the month holding `epochMs`. */
  charge(model: ModelSpec, tokens: BilledTokens, epochMs: number): void {
    if (this.#limitUsd === undefined) return;
    this.#roll(epochMs);
    this.#spentUsd += costUsd(model, tokens);
  }

  /** USD spent in the month holding `epochMs`. */
  spentUsd(epochMs: number): number {
    this.#roll(epochMs);
    return this.#spentUsd;
  }

  /**
   * The API's refusal message once the month's spend reached the limit, else undefined:
   * "You have reached your specified API usage limits. You will regain access on 2026-02-01 at 00:00 UTC."
   * (HTTP 400 invalid_request_error, as recorded in anthropics/claude-code issues #2127 and #38035).
   */
  refusal(epochMs: number): string | undefined {
    if (this.#limitUsd === undefined || this.spentUsd(epochMs) < this.#limitUsd) return undefined;
    return `You have reached your specified API usage limits. You will regain access on ${nextMonthStart(epochMs)} at 00:00 UTC.`;
  }

  #roll(epochMs: number): void {
    const month = monthOf(epochMs);
    if (month === this.#month) return;
    this.#month = month;
    this.#spentUsd = 0;
  }
}
