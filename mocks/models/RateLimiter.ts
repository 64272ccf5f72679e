import { TokenBucket } from '../../base/limits/TokenBucket.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import { ACCELERATION_MESSAGE, AccelerationLimit } from './AccelerationLimit.ts';

/** A limit the API enforces per organisation. */
export type BucketKind = 'requests' | 'input-tokens' | 'output-tokens';
/** What refused a 429: a bucket, the duplicate-content window, or the acceleration limit. */
export type LimitName = BucketKind | 'duplicate' | 'acceleration';

export type Admission =
  | { kind: 'admitted' }
  | {
      kind: 'limited';
      limit: LimitName;
      /** Whole seconds for `retry-after` (at least 1). */
      retryAfterSec: number;
      /** The exact wait (ms) until the request would fit, for `retry-after-ms`. */
      waitMs: number;
      message: string;
    };

/**
 * Per-minute limits reported in the `anthropic-ratelimit-*` headers when a limit is unset (the
 * mock then enforces nothing): the API's Tier 4 figures for Sonnet, 4,000 requests, 2,000,000
 * input and 400,000 output tokens a minute.
 */
export const UNLIMITED_PER_MINUTE: Readonly<Record<BucketKind, number>> = {
  requests: 4000,
  'input-tokens': 2_000_000,
  'output-tokens': 400_000,
};

const ADMITTED: Admission = { kind: 'admitted' };
/** The three buckets, in the order a refusal names them. */
export const BUCKET_KINDS: readonly BucketKind[] = ['requests', 'input-tokens', 'output-tokens'];
const UNITS: Record<BucketKind, string> = {
  requests: 'requests',
  'input-tokens': 'input tokens',
  'output-tokens': 'output tokens',
};

/**
 * The API's rate limits: one continuously refilled token bucket per limit (requests, input tokens,
 * output tokens), each holding one minute's worth (the API states its limits per minute) and
 * starting full. A request is admitted only if every bucket can pay; then all of them are charged
 * at once. Input tokens are charged by the shared estimator; output tokens are charged
 * `max_tokens` at admission (the API: "OTPM is estimated from max_tokens") and the unused part is
 * refunded when the request ends ({@link refundOutput}). Optionally, identical content resubmitted
 * within `duplicateWindowMs` is refused too (seed 003), and so is a request over the acceleration
 * limit ({@link AccelerationLimit}), checked after the buckets, so a bucket refusal is named first.
 */
export class RateLimiter {
  readonly #buckets: Record<BucketKind, TokenBucket | undefined>;
  readonly #duplicateWindowMs: number | undefined;
  readonly #acceleration: AccelerationLimit | undefined;
  /** Last admission time of each content key, plus a FIFO of (key, time) to forget old keys. */
  readonly #seen = new Map<number, number>();
  readonly #seenOrder: { key: number; atMs: number }[] = [];
  #seenHead = 0;

  constructor(config: MockConfig['rateLimits'], nowMs: number) {
    const bucket = (ratePerSec: number | undefined): TokenBucket | undefined =>
      ratePerSec === undefined ? undefined : new TokenBucket(ratePerSec * 60, ratePerSec, nowMs);
    this.#buckets = {
      requests: bucket(config.requests),
      'input-tokens': bucket(config.inputTokens),
      'output-tokens': bucket(config.outputTokens),
    };
    this.#duplicateWindowMs = config.duplicateWindowMs;
    this.#acceleration =
      config.acceleration === undefined ? undefined : new AccelerationLimit(config.acceleration);
  }

  /**
   * Admits a request and charges every bucket, or says which limit refuses it and after how many
   * whole seconds (at least 1) the buckets will have refilled enough. `contentKey` identifies the
   * request's content for the duplicate window.
   */
  admit(inputTokens: number, maxTokens: number, contentKey: number, nowMs: number): Admission {
    const duplicate = this.#duplicate(contentKey, nowMs);
    if (duplicate !== undefined) return duplicate;
    const { requests, 'input-tokens': input, 'output-tokens': output } = this.#buckets;
    // Unrolled (no closure): this runs once per request on the simulated hot path.
    let refused: BucketKind | undefined;
    let waitMs = 0;
    let wait = requests === undefined ? 0 : bucketWaitMs(requests, 1, nowMs);
    if (wait > 0) {
      refused = 'requests';
      waitMs = wait;
    }
    wait = input === undefined ? 0 : bucketWaitMs(input, inputTokens, nowMs);
    if (wait > 0) {
      refused ??= 'input-tokens';
      waitMs = Math.max(waitMs, wait);
    }
    wait = output === undefined ? 0 : bucketWaitMs(output, maxTokens, nowMs);
    if (wait > 0) {
      refused ??= 'output-tokens';
      waitMs = Math.max(waitMs, wait);
    }
    if (refused !== undefined) {
      return {
        kind: 'limited',
        limit: refused,
        retryAfterSec: retryAfterSec(waitMs),
        waitMs,
        message: limitMessage(refused, this.limitPerMinute(refused)),
      };
    }
    const acceleration = this.#acceleration;
    if (acceleration !== undefined) {
      const accelerationWaitMs = acceleration.waitMs(nowMs);
      if (accelerationWaitMs !== undefined) {
        return {
          kind: 'limited',
          limit: 'acceleration',
          retryAfterSec: retryAfterSec(accelerationWaitMs),
          waitMs: accelerationWaitMs,
          message: ACCELERATION_MESSAGE,
        };
      }
      acceleration.admitted(nowMs);
    }
    requests?.take(1, nowMs);
    input?.take(inputTokens, nowMs);
    output?.take(maxTokens, nowMs);
    if (this.#duplicateWindowMs !== undefined) this.#remember(contentKey, nowMs);
    return ADMITTED;
  }

  /** Gives back output tokens charged at admission but not generated (`max_tokens` − output). */
  refundOutput(tokens: number, nowMs: number): void {
    if (tokens > 0) this.#buckets['output-tokens']?.refund(tokens, nowMs);
  }

  /** Whether a limit is configured (unset limits are reported with {@link UNLIMITED_PER_MINUTE}). */
  isLimited(kind: BucketKind): boolean {
    return this.#buckets[kind] !== undefined;
  }

  /** The limit per minute, as `anthropic-ratelimit-*-limit` reports it. */
  limitPerMinute(kind: BucketKind): number {
    const bucket = this.#buckets[kind];
    return bucket === undefined ? UNLIMITED_PER_MINUTE[kind] : Math.round(bucket.capacity);
  }

  /** What is left now (fractional; unset limits: the whole default). */
  remaining(kind: BucketKind, nowMs: number): number {
    const bucket = this.#buckets[kind];
    return bucket === undefined ? UNLIMITED_PER_MINUTE[kind] : bucket.level(nowMs);
  }

  /** Milliseconds until the limit is fully replenished (unset limits: 0). */
  fullInMs(kind: BucketKind, nowMs: number): number {
    return this.#buckets[kind]?.fullInMs(nowMs) ?? 0;
  }

  #duplicate(key: number, nowMs: number): Admission | undefined {
    const windowMs = this.#duplicateWindowMs;
    if (windowMs === undefined) return undefined;
    this.#forget(nowMs - windowMs);
    const lastMs = this.#seen.get(key);
    if (lastMs === undefined || nowMs - lastMs >= windowMs) return undefined;
    return {
      kind: 'limited',
      limit: 'duplicate',
      retryAfterSec: retryAfterSec(lastMs + windowMs - nowMs),
      waitMs: lastMs + windowMs - nowMs,
      message:
        'This request duplicates one received moments ago; identical requests within a short time are rate limited. Please wait before retrying.',
    };
  }

  #remember(key: number, nowMs: number): void {
    this.#seen.set(key, nowMs);
    this.#seenOrder.push({ key, atMs: nowMs });
  }

  /** Drops keys last admitted at or before `beforeMs`, so memory stays bounded by the window. */
  #forget(beforeMs: number): void {
    const order = this.#seenOrder;
    while (this.#seenHead < order.length) {
      const entry = order[this.#seenHead] as { key: number; atMs: number };
      if (entry.atMs > beforeMs) break;
      if (this.#seen.get(entry.key) === entry.atMs) this.#seen.delete(entry.key);
      this.#seenHead++;
    }
    if (this.#seenHead > 1024 && this.#seenHead * 2 > order.length) {
      order.splice(0, this.#seenHead);
      this.#seenHead = 0;
    }
  }
}

/** Wait for `amount`; more than a whole minute's worth never fits, so then the time to a full bucket, as the API says. */
function bucketWaitMs(bucket: TokenBucket, amount: number, nowMs: number): number {
  const wait = bucket.waitMs(amount, nowMs);
  return wait === Number.POSITIVE_INFINITY ? Math.max(bucket.fullInMs(nowMs), 1) : wait;
}

/** Whole seconds to wait, rounded up, at least 1 (what `retry-after` carries). */
export function retryAfterSec(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** The API's 429 message naming the limit, e.g. "... of 50 requests per minute. ...". */
export function limitMessage(kind: BucketKind, perMinute: number): string {
  return (
    `This request would exceed the rate limit for your organization of ${groupThousands(perMinute)} ${UNITS[kind]} per minute. ` +
    'For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. ' +
    'Please reduce the prompt length or the maximum tokens requested, or try again later. ' +
    'You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.'
  );
}

function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
