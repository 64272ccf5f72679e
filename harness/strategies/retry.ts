import type { Random } from '../../base/random/Random.ts';
import type { ApiRequest, FailureOutcome, Outcome } from '../transport/Transport.ts';
import { abortedOutcome, sleepUnlessAborted } from './abortable.ts';
import { nextDelay } from './backoff.ts';
import { DEFAULT_RETRY, type RetryOptions } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/**
 * Whether a failure is worth another try. Drops, connection errors and client timeouts are decided
 * by their switches (a `timeout` carrying an HTTP status, such as none today, falls to the status
 * list); every other outcome with an HTTP status by `retryOnStatuses`; client-side refusals
 * (`circuit-open`, `batch-split-failed`, a full concurrency queue, `aborted`) never.
 */
export function isRetryable(outcome: FailureOutcome, options: RetryOptions): boolean {
  switch (outcome.kind) {
    case 'stream-dropped':
      return options.retryOnStreamDrop;
    case 'connection-error':
      return options.retryOnConnectionError;
    case 'timeout':
      if (outcome.status === undefined) return options.retryOnTimeout;
      break;
    case 'aborted':
      return false;
  }
  return (
    outcome.status !== undefined && outcome.status > 0 && options.retryOnStatuses.includes(outcome.status)
  );
}

/**
 * Retries failed calls with exponential backoff (cockatiel's `retry().exponential()`, on the
 * injected clock and random stream).
 *
 * - Up to `maxAttempts` calls of `next` in all. Attempts are counted where calls are actually made
 *   (the transport handler of `buildHandler`), not here, so a batch or a cache beneath still counts right.
 * - The wait before retry n (0-based) is `nextDelay(options, n)`. With `honorRetryAfter`, a
 *   server-requested wait w makes it max(backoff, w): never sooner than the server asked, and no
 *   shorter than the backoff. A w above `maxRetryAfterMs` gives up at once, returning that failure.
 * - An abort while waiting returns `aborted` (an outer timeout policy reports it as `timeout`).
 *
 * Jitter draws come from one sub-stream `random.fork('retry')`, forked once per policy instance.
 */
export class RetryPolicy implements Policy {
  readonly name = 'retry';
  readonly options: RetryOptions;
  #random: Random | undefined;

  constructor(options: RetryOptions = DEFAULT_RETRY) {
    this.options = options;
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const options = this.options;
    for (let attempt = 1; ; attempt++) {
      const outcome = await next(request, context);
      if (outcome.kind === 'ok' || attempt >= options.maxAttempts || !isRetryable(outcome, options))
        return outcome;
      this.#random ??= context.random.fork('retry');
      let delayMs = nextDelay(options, attempt - 1, this.#random);
      if (options.honorRetryAfter && outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > options.maxRetryAfterMs) return outcome;
        delayMs = Math.max(delayMs, outcome.retryAfterMs);
      }
      if (!(await sleepUnlessAborted(context.clock, delayMs, context.signal))) {
        return abortedOutcome('while waiting to retry');
      }
    }
  }
}

/** A retry policy with the given options (defaults: `DEFAULT_RETRY`). */
export function retry(options: RetryOptions = DEFAULT_RETRY): RetryPolicy {
  return new RetryPolicy(options);
}
