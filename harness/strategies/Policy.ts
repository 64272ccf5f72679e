import type { Clock } from '../../base/clock/Clock.ts';
import type { Random } from '../../base/random/Random.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';

/**
 * What happened to one logical request on its way through the policies. Policies add to it; the
 * runner turns it into per-request metrics.
 */
export interface RequestTrace {
  /** Upstream calls made for this request; a batched call counts 1/size to each member. */
  attempts: number;
  /** Answered from the cache (no upstream call, no tokens). */
  cacheHit: boolean;
  /** Shared an in-flight identical call (cache coalescing). */
  coalesced: boolean;
  /** Size of the batch this request rode in, if batched. */
  batchSize?: number;
  /** The batch answer did not split; this request fell back to a single call. */
  batchFallback: boolean;
  /** Output tokens received on streams that then dropped (billed, wasted). */
  wastedOutputTokens: number;
  /** Stream restarts after drops. */
  streamRestarts: number;
  /** Clock time (ms) the first content token arrived, for streams. */
  firstTokenAtMs?: number;
  /** Upstream calls answered 429 (`rate-limited`). */
  rateLimited: number;
}

export function newTrace(): RequestTrace {
  return {
    attempts: 0,
    cacheHit: false,
    coalesced: false,
    batchFallback: false,
    wastedOutputTokens: 0,
    streamRestarts: 0,
    rateLimited: 0,
  };
}

/**
 * Everything a policy may use: time and randomness come only from here (house style rules 1, 2, 5).
 * Policies that need randomness fork their own named sub-stream of `random` once per policy
 * instance (e.g. `random.fork('retry')`) and then draw in event order, which the virtual clock
 * makes repeatable.
 */
export interface CallContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly signal?: AbortSignal;
  readonly trace: RequestTrace;
  /**
   * Give up on a stream that sends nothing for this long (ms); the stream policy sets it for the
   * calls beneath it and the transport handler passes it on as `SendOptions.streamIdleTimeoutMs`.
   * Unset: wait for ever (as the SDKs do) or until `signal` aborts.
   */
  readonly streamIdleTimeoutMs?: number;
}

/** The rest of the chain: the next policy, or the transport at the end. */
export type Handler = (request: ApiRequest, context: CallContext) => Promise<Outcome>;

/**
 * One policy (cockatiel-style): wraps the rest of the chain. Stateful policies (a cache, a bucket,
 * a batcher) hold their state on the instance; one instance serves one strategy run.
 */
export interface Policy {
  readonly name: string;
  execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome>;
}

/** Composes policies outside-in around a final handler: `wrap([a, b], h)` runs a(b(h)). */
export function wrap(policies: readonly Policy[], last: Handler): Handler {
  let handler = last;
  for (let i = policies.length - 1; i >= 0; i--) {
    const policy = policies[i] as Policy;
    const next = handler;
    handler = (request, context) => policy.execute(request, context, next);
  }
  return handler;
}
