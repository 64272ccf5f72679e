const registry = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` when `signal` aborts; returns the function that unsubscribes. Unlike
 * `addEventListener`, any number of subscriptions share ONE listener per signal, and unsubscribing
 * is a Set deletion: a run's signal has a subscription per pending sleep and request, thousands at a
 * time, and EventTarget listeners made that the hottest path of a simulated run. Callers check
 * `signal.aborted` first: a signal that has already aborted never calls back.
 */
export function whenAborted(signal: AbortSignal, fn: () => void): () => void {
  let subscribers = registry.get(signal);
  if (subscribers === undefined) {
    const set = new Set<() => void>();
    subscribers = set;
    registry.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        registry.delete(signal);
        for (const subscriber of set) subscriber();
      },
      { once: true },
    );
  }
  const set = subscribers;
  const entry = (): void => fn();
  set.add(entry);
  return () => {
    set.delete(entry);
  };
}
