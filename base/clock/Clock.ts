import { listenAbort, unlistenAbort } from './abortListeners.ts';

/**
 * The one source of time for the mock, the strategies, the runner and the statistics.
 * Nothing else reads `Date.now`, `performance.now` or `setTimeout` (house style rule 1).
 */
export interface Clock {
  /** Milliseconds on this clock's own time line (virtual: 0 at the start of a run; real: monotonic). */
  now(): number;
  /** Wall-clock epoch milliseconds matching `now()`, for RFC 3339 headers and `created_at` fields. */
  epochMs(): number;
  /**
   * Resolves after `ms` milliseconds on this clock (0 or negative: on the next turn).
   * Rejects with the signal's reason (an `AbortError` DOMException by default) when `signal` aborts first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `fn` after `ms` milliseconds; the returned function cancels it (idempotent). */
  setTimer(ms: number, fn: () => void): () => void;
}

/**
 * `Clock.sleep` for any clock, from its `setTimer`: resolves after `ms`, or rejects with the
 * signal's reason when it aborts first (listening through the shared per-signal registry).
 */
export function sleepOnTimer(
  clock: Pick<Clock, 'setTimer'>,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal === undefined) return new Promise((resolve) => clock.setTimer(ms, resolve));
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(abortReason(signal));
    };
    const cancel = clock.setTimer(ms, () => {
      unlistenAbort(signal, onAbort);
      resolve();
    });
    listenAbort(signal, onAbort);
  });
}

/** The error `sleep` rejects with when its signal aborts without a reason of its own. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
