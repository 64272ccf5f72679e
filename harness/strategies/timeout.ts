import type { ApiRequest, FailureOutcome, Outcome } from '../transport/Transport.ts';
import { abortedOutcome } from './abortable.ts';
import { DEFAULT_TIMEOUT, type TimeoutOptions } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/** The reason the timeout policy aborts the inner call with. */
export class TimeoutAbortReason extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Gives the rest of the chain `timeoutMs` (cockatiel's aggressive timeout): when the clock timer
 * fires it aborts the inner call through a signal composed with the caller's, and the request ends
 * as `timeout` right then, whether or not the inner call noticed. Placed outside retry it bounds
 * the whole request, inside it bounds each attempt. A caller abort ends the request as `aborted`.
 *
 * After aborting, it lets the inner call settle for one clock turn, so the transport can report
 * the call (and the trace its wasted tokens) before the request's outcome is returned.
 */
export class TimeoutPolicy implements Policy {
  readonly name = 'timeout';
  readonly timeoutMs: number;

  constructor(options: TimeoutOptions = DEFAULT_TIMEOUT) {
    this.timeoutMs = options.timeoutMs;
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const outer = context.signal;
    if (outer?.aborted) return abortedOutcome('before the call');
    const controller = new AbortController();
    const onOuterAbort = (): void => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    let cancelTimer: () => void = () => {};
    const deadline = new Promise<void>((resolve) => {
      cancelTimer = context.clock.setTimer(this.timeoutMs, () => {
        timedOut = true;
        controller.abort(new TimeoutAbortReason(this.timeoutMs));
        resolve();
      });
    });
    const inner = next(request, { ...context, signal: controller.signal });
    try {
      const outcome = await Promise.race([inner, deadline]);
      if (!timedOut) return outcome as Outcome;
      await Promise.race([inner, context.clock.sleep(0)]);
      const timeout: FailureOutcome = {
        kind: 'timeout',
        message: `no answer within ${this.timeoutMs} ms (client timeout)`,
      };
      return timeout;
    } finally {
      cancelTimer();
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }
}

/** A timeout policy with the given options (defaults: `DEFAULT_TIMEOUT`, 60 s). */
export function timeout(options: TimeoutOptions = DEFAULT_TIMEOUT): TimeoutPolicy {
  return new TimeoutPolicy(options);
}
