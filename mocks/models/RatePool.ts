import { TokenBucket } from '../../base/limits/TokenBucket.ts';

/** A limit the API enforces per organisation and model class. */
export type BucketKind = 'requests' | 'input-tokens' | 'output-tokens';

/** The limits of one pool, per second (unset: unlimited). */
export interface PoolLimits {
  requests?: number | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
}

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

/**
 * One pool of rate limits (the organisation's, or one model class's): a continuously refilled
 * token bucket per limit, each holding one minute's worth and starting full. What the
 * `anthropic-ratelimit-*` headers report is read from here.
 */
export class RatePool {
  readonly requests: TokenBucket | undefined;
  readonly input: TokenBucket | undefined;
  readonly output: TokenBucket | undefined;

  constructor(limits: PoolLimits, nowMs: number) {
    const bucket = (ratePerSec: number | undefined): TokenBucket | undefined =>
      ratePerSec === undefined ? undefined : new TokenBucket(ratePerSec * 60, ratePerSec, nowMs);
    this.requests = bucket(limits.requests);
    this.input = bucket(limits.inputTokens);
    this.output = bucket(limits.outputTokens);
  }

  bucket(kind: BucketKind): TokenBucket | undefined {
    return kind === 'requests' ? this.requests : kind === 'input-tokens' ? this.input : this.output;
  }

  /** Gives back output tokens charged at admission but not generated (`max_tokens` − output). */
  refundOutput(tokens: number, nowMs: number): void {
    if (tokens > 0) this.output?.refund(tokens, nowMs);
  }

  /** Whether a limit is configured (unset limits are reported with {@link UNLIMITED_PER_MINUTE}). */
  isLimited(kind: BucketKind): boolean {
    return this.bucket(kind) !== undefined;
  }

  /** The limit per minute, as `anthropic-ratelimit-*-limit` reports it. */
  limitPerMinute(kind: BucketKind): number {
    const bucket = this.bucket(kind);
    return bucket === undefined ? UNLIMITED_PER_MINUTE[kind] : Math.round(bucket.capacity);
  }

  /** What is left now (fractional; unset limits: the whole default). */
  remaining(kind: BucketKind, nowMs: number): number {
    const bucket = this.bucket(kind);
    return bucket === undefined ? UNLIMITED_PER_MINUTE[kind] : bucket.level(nowMs);
  }

  /** Milliseconds until the limit is fully replenished (unset limits: 0). */
  fullInMs(kind: BucketKind, nowMs: number): number {
    return this.bucket(kind)?.fullInMs(nowMs) ?? 0;
  }
}
