import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { abortedOutcome } from './abortable.ts';
import { type ConcurrencyOptions, DEFAULT_CONCURRENCY } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';
import { Semaphore } from './Semaphore.ts';

/**
 * At most `maxInFlight` calls of `next` at once; others wait in FIFO order. Seed 000's "semaphore
 * of 5", seed 004's "thread pool of 5" and seed 002's "sliding window of 3 in flight" are all this
 * policy: a sliding window of n in flight is exactly a semaphore of n (a slot frees the moment any
 * call ends, not when the whole window does).
 *
 * A request finding `maxQueue` others already waiting fails at once as `rate-limited` with no
 * HTTP status (a client-side refusal, which retry does not retry). An abort while waiting leaves
 * the queue and returns `aborted`.
 */
export class ConcurrencyPolicy implements Policy {
  readonly name = 'concurrency';
  readonly semaphore: Semaphore;

  constructor(options: ConcurrencyOptions = DEFAULT_CONCURRENCY) {
    this.semaphore = new Semaphore(options.maxInFlight, options.maxQueue);
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const semaphore = this.semaphore;
    if (!semaphore.tryAcquire()) {
      const result = await semaphore.acquire(context.signal);
      if (result === 'aborted') return abortedOutcome('while queued for a concurrency slot');
      if (result === 'queue-full') {
        return {
          kind: 'rate-limited',
          message: `client-side concurrency queue full: ${semaphore.maxInFlight} in flight and ${semaphore.maxQueue} waiting (concurrency.maxQueue)`,
        };
      }
    }
    try {
      return await next(request, context);
    } finally {
      semaphore.release();
    }
  }
}

/** A concurrency policy with the given options (defaults: `DEFAULT_CONCURRENCY`). */
export function concurrency(options: ConcurrencyOptions = DEFAULT_CONCURRENCY): ConcurrencyPolicy {
  return new ConcurrencyPolicy(options);
}
