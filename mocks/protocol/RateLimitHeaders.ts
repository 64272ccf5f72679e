import type { BucketKind, RatePool } from '../models/RatePool.ts';

/** `2025-08-21T12:40:59Z`: RFC 3339 in whole seconds (rounded up), as the API's reset headers. */
export function rfc3339(epochMs: number): string {
  return `${new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** One-entry cache per header: consecutive responses usually share the reset second. */
class ResetFormatter {
  #second = Number.NaN;
  #text = '';

  format(epochMs: number): string {
    const second = Math.ceil(epochMs / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#text = rfc3339(epochMs);
    }
    return this.#text;
  }
}

/** One-entry cache of a number's decimal text: most headers repeat the previous response's value. */
class NumberText {
  #value = Number.NaN;
  #text = '';

  format(value: number): string {
    if (value !== this.#value) {
      this.#value = value;
      this.#text = String(value);
    }
    return this.#text;
  }
}

function nearestThousand(n: number): number {
  return Math.round(n / 1000) * 1000;
}

/**
 * The `anthropic-ratelimit-*` headers (anthropic-wire.md §3.2) from one rate pool's state:
 * `requests`, `input-tokens`, `output-tokens` and `tokens` (= input + output), each with `-limit`
 * (per minute), `-remaining` (requests: whole requests left, rounded down; tokens: rounded to the
 * nearest thousand, as documented) and `-reset` (RFC 3339 time the bucket is full again). Unset
 * limits report the Tier-4-like defaults of {@link UNLIMITED_PER_MINUTE}, always full.
 */
export class RateLimitHeaders {
  readonly #limiter: RatePool;
  readonly #resets: Record<BucketKind | 'tokens', ResetFormatter> = {
    requests: new ResetFormatter(),
    'input-tokens': new ResetFormatter(),
    'output-tokens': new ResetFormatter(),
    tokens: new ResetFormatter(),
  };

  readonly #priority: RatePool | undefined;
  readonly #priorityResets = { input: new ResetFormatter(), output: new ResetFormatter() };

  /** `pool`: the organisation's, or one model class's; `priority`: the Priority Tier's, if any. */
  constructor(limiter: RatePool, priority?: RatePool) {
    this.#limiter = limiter;
    this.#priority = priority;
  }

  readonly #texts = Array.from({ length: 8 }, () => new NumberText());

  /**
   * A response's headers: `content-type`, `request-id` and the twelve rate-limit headers, built as
   * one object literal (one allocation and a stable shape, where adding twelve keys one by one grows
   * the object on every response).
   */
  headers(contentType: string, requestId: string, nowMs: number, epochMs: number): Record<string, string> {
    const limiter = this.#limiter;
    const t = this.#texts as [
      NumberText,
      NumberText,
      NumberText,
      NumberText,
      NumberText,
      NumberText,
      NumberText,
      NumberText,
    ];
    const inLimit = limiter.limitPerMinute('input-tokens');
    const outLimit = limiter.limitPerMinute('output-tokens');
    const inLeft = limiter.remaining('input-tokens', nowMs);
    const outLeft = limiter.remaining('output-tokens', nowMs);
    const inFullMs = limiter.fullInMs('input-tokens', nowMs);
    const outFullMs = limiter.fullInMs('output-tokens', nowMs);
    const resets = this.#resets;
    const headers: Record<string, string> = {
      'content-type': contentType,
      'request-id': requestId,
      'anthropic-ratelimit-requests-limit': t[0].format(limiter.limitPerMinute('requests')),
      'anthropic-ratelimit-requests-remaining': t[1].format(Math.floor(limiter.remaining('requests', nowMs))),
      'anthropic-ratelimit-requests-reset': resets.requests.format(
        epochMs + limiter.fullInMs('requests', nowMs),
      ),
      'anthropic-ratelimit-input-tokens-limit': t[2].format(inLimit),
      'anthropic-ratelimit-input-tokens-remaining': t[3].format(nearestThousand(inLeft)),
      'anthropic-ratelimit-input-tokens-reset': resets['input-tokens'].format(epochMs + inFullMs),
      'anthropic-ratelimit-output-tokens-limit': t[4].format(outLimit),
      'anthropic-ratelimit-output-tokens-remaining': t[5].format(nearestThousand(outLeft)),
      'anthropic-ratelimit-output-tokens-reset': resets['output-tokens'].format(epochMs + outFullMs),
      'anthropic-ratelimit-tokens-limit': t[6].format(inLimit + outLimit),
      'anthropic-ratelimit-tokens-remaining': t[7].format(nearestThousand(inLeft + outLeft)),
      'anthropic-ratelimit-tokens-reset': resets.tokens.format(epochMs + Math.max(inFullMs, outFullMs)),
    };
    const priority = this.#priority;
    if (priority !== undefined) {
      // The Priority Tier's triplets (anthropic-wire.md §3.2), in the same format.
      headers['anthropic-priority-input-tokens-limit'] = String(priority.limitPerMinute('input-tokens'));
      headers['anthropic-priority-input-tokens-remaining'] = String(
        nearestThousand(priority.remaining('input-tokens', nowMs)),
      );
      headers['anthropic-priority-input-tokens-reset'] = this.#priorityResets.input.format(
        epochMs + priority.fullInMs('input-tokens', nowMs),
      );
      headers['anthropic-priority-output-tokens-limit'] = String(priority.limitPerMinute('output-tokens'));
      headers['anthropic-priority-output-tokens-remaining'] = String(
        nearestThousand(priority.remaining('output-tokens', nowMs)),
      );
      headers['anthropic-priority-output-tokens-reset'] = this.#priorityResets.output.format(
        epochMs + priority.fullInMs('output-tokens', nowMs),
      );
    }
    return headers;
  }
}
