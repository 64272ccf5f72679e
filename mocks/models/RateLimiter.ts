import type { TokenBucket } from '../../base/limits/TokenBucket.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import { ACCELERATION_MESSAGE, AccelerationLimit } from './AccelerationLimit.ts';
import { MODEL_CLASSES, type ModelClass } from './modelClass.ts';
import { type BucketKind, RatePool, UNLIMITED_PER_MINUTE } from './RatePool.ts';

export { type BucketKind, RatePool, UNLIMITED_PER_MINUTE };

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
  /** The organisation's pool: every model class without a pool of its own. */
  readonly pool: RatePool;
  readonly #classPools: Partial<Record<ModelClass, RatePool>> = {};
  readonly #duplicateWindowMs: number | undefined;
  readonly #acceleration: AccelerationLimit | undefined;
  /** Last admission time of each content key, plus a FIFO of (key, time) to forget old keys. */
  readonly #seen = new Map<number, number>();
  readonly #seenOrder: { key: number; atMs: number }[] = [];
  #seenHead = 0;

  constructor(config: MockConfig['rateLimits'], nowMs: number) {
    this.pool = new RatePool(config, nowMs);
    for (const modelClass of MODEL_CLASSES) {
      const limits = config.byModelClass?.[modelClass];
      if (limits !== undefined) this.#classPools[modelClass] = new RatePool(limits, nowMs);
    }
    this.#duplicateWindowMs = config.duplicateWindowMs;
    this.#acceleration =
      config.acceleration === undefined ? undefined : new AccelerationLimit(config.acceleration);
  }

  /**
   * Admits a request and charges every bucket, or says which limit refuses it and after how many
   * whole seconds (at least 1) the buckets will have refilled enough. `contentKey` identifies the
   * request's content for the duplicate window; `pool` is the model class's ({@link poolFor}).
   * The duplicate window and the acceleration limit are the organisation's, across classes.
   */
  admit(
    inputTokens: number,
    maxTokens: number,
    contentKey: number,
    nowMs: number,
    pool: RatePool = this.pool,
  ): Admission {
    const duplicate = this.#duplicate(contentKey, nowMs);
    if (duplicate !== undefined) return duplicate;
    const { requests, input, output } = pool;
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
        message: limitMessage(refused, pool.limitPerMinute(refused)),
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

  /** The pool a model class draws from: its own when `byModelClass` has it, else the organisation's. */
  poolFor(modelClass: ModelClass | undefined): RatePool {
    return (modelClass === undefined ? undefined : this.#classPools[modelClass]) ?? this.pool;
  }

  /** The organisation pool's {@link RatePool.refundOutput}. */
  refundOutput(tokens: number, nowMs: number): void {
    this.pool.refundOutput(tokens, nowMs);
  }

  /** The organisation pool's {@link RatePool.isLimited}. */
  isLimited(kind: BucketKind): boolean {
    return this.pool.isLimited(kind);
  }

  /** The organisation pool's {@link RatePool.limitPerMinute}. */
  limitPerMinute(kind: BucketKind): number {
    return this.pool.limitPerMinute(kind);
  }

  /** The organisation pool's {@link RatePool.remaining}. */
  remaining(kind: BucketKind, nowMs: number): number {
    return this.pool.remaining(kind, nowMs);
  }

  /** The organisation pool's {@link RatePool.fullInMs}. */
  fullInMs(kind: BucketKind, nowMs: number): number {
    return this.pool.fullInMs(kind, nowMs);
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
