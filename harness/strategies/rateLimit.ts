import { TokenBucket } from '../../base/limits/TokenBucket.ts';
import { estimateInputTokens } from '../../mocks/protocol/tokens.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { abortedOutcome, sleepUnlessAborted } from './abortable.ts';
import { LeakyBucket } from './LeakyBucket.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

interface Meter {
  reserve(amount: number, nowMs: number): number;
  refund(amount: number, nowMs: number): void;
}

interface Limit {
  meter: Meter;
  amount: (request: ApiRequest) => number;
}

const one = (): number => 1;
const inputTokens = (request: ApiRequest): number => estimateInputTokens(request);
const outputTokens = (request: ApiRequest): number => request.maxTokens;

/**
 * Client-side rate limiting (seed 000's token bucket, seed 003's leaky bucket) on requests, input
 * tokens (the shared estimator, as the API's ITPM counts them) and output tokens (`max_tokens`, as
 * the API's OTPM estimate at request start); any of them, each its own bucket. A request waits
 * (on the clock) until every bucket admits it, then goes on; it never fails for the limit.
 *
 * Capacities (token-bucket) are counts, like the API's buckets: the request bucket holds `burst`
 * requests, the input-token bucket `inputTokensBurst` tokens and the output-token bucket
 * `outputTokensBurst` tokens (each by default one second of its rate). Buckets start full: at 1/s
 * with burst 5, an idle client sends 5 requests at once and the 6th 1000 ms later. A request
 * larger than its bucket passes as soon as the bucket is full (its excess is a debt the next
 * requests wait out), so an idle client never waits for its first request and nothing waits for ever.
 * The leaky bucket ignores the bursts: it spaces admissions evenly (amount / rate apart) and queues the rest.
 *
 * Each request reserves on every bucket at arrival and waits for the longest; reservations are
 * FIFO per bucket. An abort while waiting refunds the reservations and returns `aborted`.
 */
export class RateLimitPolicy implements Policy {
  readonly name = 'rateLimit';
  readonly #limits: Limit[] = [];

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMIT, startMs = 0) {
    const make = (ratePerSec: number, capacity: number): Meter =>
      options.algorithm === 'leaky-bucket'
        ? new LeakyBucket(ratePerSec, startMs)
        : new TokenBucket(capacity, ratePerSec, startMs);
    if (options.requestsPerSec !== undefined) {
      this.#limits.push({ meter: make(options.requestsPerSec, options.burst), amount: one });
    }
    if (options.inputTokensPerSec !== undefined) {
      this.#limits.push({
        meter: make(options.inputTokensPerSec, options.inputTokensBurst ?? options.inputTokensPerSec),
        amount: inputTokens,
      });
    }
    if (options.outputTokensPerSec !== undefined) {
      this.#limits.push({
        meter: make(options.outputTokensPerSec, options.outputTokensBurst ?? options.outputTokensPerSec),
        amount: outputTokens,
      });
    }
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const limits = this.#limits;
    if (limits.length === 0) return next(request, context);
    const nowMs = context.clock.now();
    let waitMs = 0;
    const amounts: number[] = [];
    for (const limit of limits) {
      const amount = limit.amount(request);
      amounts.push(amount);
      const wait = limit.meter.reserve(amount, nowMs);
      if (wait > waitMs) waitMs = wait;
    }
    if (waitMs > 0 && !(await sleepUnlessAborted(context.clock, waitMs, context.signal))) {
      const abortMs = context.clock.now();
      limits.forEach((limit, i) => {
        limit.meter.refund(amounts[i] as number, abortMs);
      });
      return abortedOutcome('while waiting for the client-side rate limit');
    }
    return next(request, context);
  }
}

/** A rate limit policy with the given options (defaults: `DEFAULT_RATE_LIMIT`, which limits nothing). */
export function rateLimit(options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimitPolicy {
  return new RateLimitPolicy(options);
}
