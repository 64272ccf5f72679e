// Attempts: every HTTP call a user's client module makes, attributed to the logical request whose
// module call made it, wherever it is seen (the in-process mock, or this process's HTTP clients).
import { AsyncLocalStorage } from 'node:async_hooks';

/** One HTTP call seen for a logical request; `status` 0 until (or unless) a response head arrives. */
export interface HttpCall {
  status: number;
}

/** The HTTP calls of one logical request (one call of a user's module). */
export interface AttemptScope {
  readonly calls: HttpCall[];
}

const storage = new AsyncLocalStorage<AttemptScope>();

/**
 * Runs one module call in its own scope: every HTTP call made from it (its awaits, timers and
 * retries included, since async context follows them) is recorded in `scope.calls`.
 */
export function withAttemptScope<T>(scope: AttemptScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the module call the current code runs in, if any. */
export function currentAttemptScope(): AttemptScope | undefined {
  return storage.getStore();
}

/** Records one HTTP call in the current scope; returns it (to set its status), or undefined outside any scope. */
export function noteAttempt(): HttpCall | undefined {
  const scope = storage.getStore();
  if (scope === undefined) return undefined;
  const call: HttpCall = { status: 0 };
  scope.calls.push(call);
  return call;
}
