import type { Clock } from '../../base/clock/Clock.ts';
import type { FailureOutcome } from '../transport/Transport.ts';

/**
 * Sleeps `ms` on the clock; resolves false instead of rejecting when `signal` aborts first, so
 * policies can turn an abort into an `aborted` outcome without try/catch around every wait.
 */
export async function sleepUnlessAborted(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal === undefined) {
    await clock.sleep(ms);
    return true;
  }
  if (signal.aborted) return false;
  try {
    await clock.sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}

/** The outcome of a logical request its caller (or an outer timeout) gave up on. */
export function abortedOutcome(where: string): FailureOutcome {
  return { kind: 'aborted', message: `the request was aborted ${where}` };
}

/** What `untilAborted` resolves with when the signal wins. */
export const ABORTED: unique symbol = Symbol('aborted');

/** Resolves like `promise`, or with `ABORTED` as soon as `signal` aborts (the promise runs on). */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T | typeof ABORTED> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const onAbort = (): void => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
