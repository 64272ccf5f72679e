import type { ApiRequest, OkOutcome, Outcome } from '../transport/Transport.ts';
import { ABORTED, abortedOutcome, untilAborted } from './abortable.ts';
import { cacheKey } from './cacheKey.ts';
import { LruTtlCache } from './LruTtlCache.ts';
import { type CacheOptions, DEFAULT_CACHE } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/**
 * A response cache (seeds 000, 002, 004): key from `cacheKey` (everything that changes the answer,
 * not the stream flag), LRU of `maxEntries`, entries live `ttlMs` on the clock. Only `ok` answers
 * are stored.
 *
 * - A hit sets `trace.cacheHit`, makes no upstream call and bills nothing: its usage is zero. A
 *   streamed hit's first token is the instant it is answered.
 * - With `coalesce`, a request identical to one in flight waits for it instead of calling
 *   (`trace.coalesced`) and gets its outcome, again with zero usage (the first caller carries the
 *   bill). If that call was aborted by its own caller, the waiter calls for itself.
 */
export class CachePolicy implements Policy {
  readonly name = 'cache';
  readonly options: CacheOptions;
  readonly cache: LruTtlCache<OkOutcome>;
  readonly #inFlight = new Map<string, Promise<Outcome>>();

  constructor(options: CacheOptions = DEFAULT_CACHE) {
    this.options = options;
    this.cache = new LruTtlCache(options.maxEntries, options.ttlMs);
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const key = cacheKey(request);
    const clock = context.clock;
    const hit = this.cache.get(key, clock.now());
    if (hit !== undefined) {
      context.trace.cacheHit = true;
      return unbilled(hit, request, clock.now());
    }
    const shared = this.options.coalesce ? this.#inFlight.get(key) : undefined;
    if (shared !== undefined) {
      const outcome = await untilAborted(shared, context.signal);
      if (outcome === ABORTED) return abortedOutcome('while waiting for an identical request');
      if (outcome.kind === 'aborted') {
        if (this.#inFlight.get(key) === shared) this.#inFlight.delete(key);
        return this.execute(request, context, next);
      }
      context.trace.coalesced = true;
      if (outcome.kind === 'ok') return unbilled(outcome, request, clock.now());
      const { usage: _billedToTheFirst, ...failure } = outcome;
      return failure;
    }
    const call = next(request, context).then((outcome) => {
      if (outcome.kind === 'ok') this.cache.set(key, outcome, clock.now());
      return outcome;
    });
    if (!this.options.coalesce) return call;
    this.#inFlight.set(key, call);
    try {
      return await call;
    } finally {
      if (this.#inFlight.get(key) === call) this.#inFlight.delete(key);
    }
  }
}

/** A stored or shared answer handed to another request: nothing billed, first token now if streamed. */
function unbilled(answer: OkOutcome, request: ApiRequest, nowMs: number): OkOutcome {
  const outcome: OkOutcome = {
    kind: 'ok',
    text: answer.text,
    stopReason: answer.stopReason,
    usage: { inputTokens: 0, outputTokens: 0 },
  };
  if (request.stream) outcome.firstTokenAtMs = nowMs;
  return outcome;
}

/** A cache policy with the given options (defaults: `DEFAULT_CACHE`). */
export function cache(options: CacheOptions = DEFAULT_CACHE): CachePolicy {
  return new CachePolicy(options);
}
