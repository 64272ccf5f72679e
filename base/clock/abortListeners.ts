const registry = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` when `signal` aborts, like `addEventListener('abort', fn, { once: true })`, but any
 * number of listeners share ONE EventTarget listener per signal and removing one is a Set deletion.
 * A run's signal has a listener per pending sleep and request, thousands at a time, and EventTarget
 * listeners made that the hottest path of a simulated run. Callers check `signal.aborted` first: a
 * signal that has already aborted never calls back. Adding the same `fn` twice adds it once.
 */
export function listenAbort(signal: AbortSignal, fn: () => void): void {
  let listeners = registry.get(signal);
  if (listeners === undefined) {
    const set = new Set<() => void>();
    listeners = set;
    registry.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        registry.delete(signal);
        for (const listener of set) listener();
      },
      { once: true },
    );
  }
  listeners.add(fn);
}

/** Removes a listener added with {@link listenAbort}; unknown listeners are ignored. */
export function unlistenAbort(signal: AbortSignal, fn: () => void): void {
  registry.get(signal)?.delete(fn);
}

/** Resolves when `signal` aborts (at once if it has; never without a signal). */
export function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => listenAbort(signal, resolve));
}
