import type { VirtualClock } from './VirtualClock.ts';

/** A handle that looks enough like Node's `Timeout` for libraries that call `unref()` or `refresh()`. */
class VirtualTimeout {
  cancel: () => void;
  constructor(cancel: () => void) {
    this.cancel = cancel;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return 0;
  }
}

/**
 * Points the global `setTimeout`, `setInterval`, their `clear*`, `Date.now` and `performance.now`
 * at a virtual clock, so unmodified code (a user's strategy module, the official SDK's retry sleeps
 * and request timeouts) runs in simulated time. `setImmediate` and `queueMicrotask` stay real: the
 * clock relies on them to let work settle. Returns the function that restores the originals.
 */
export function installVirtualTimers(clock: VirtualClock): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = {
    setTimeout: g.setTimeout,
    clearTimeout: g.clearTimeout,
    setInterval: g.setInterval,
    clearInterval: g.clearInterval,
    dateNow: Date.now,
    perfNow: performance.now,
  };
  const clear = (handle: unknown): void => {
    if (handle instanceof VirtualTimeout) handle.cancel();
  };
  g.setTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    new VirtualTimeout(clock.setTimer(ms ?? 0, () => fn(...args)));
  g.clearTimeout = clear;
  g.setInterval = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const periodMs = Math.max(1, ms ?? 0);
    const handle = new VirtualTimeout(() => {});
    const arm = (): void => {
      handle.cancel = clock.setTimer(periodMs, () => {
        arm();
        fn(...args);
      });
    };
    arm();
    return handle;
  };
  g.clearInterval = clear;
  Date.now = () => Math.floor(clock.epochMs());
  performance.now = () => clock.now();
  return () => {
    g.setTimeout = saved.setTimeout;
    g.clearTimeout = saved.clearTimeout;
    g.setInterval = saved.setInterval;
    g.clearInterval = saved.clearInterval;
    Date.now = saved.dateNow;
    performance.now = saved.perfNow;
  };
}
