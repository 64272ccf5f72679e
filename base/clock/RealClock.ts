import { performance } from 'node:perf_hooks';
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import { type Clock, sleepOnTimer } from './Clock.ts';
import { PreciseTimers, type TimerHost } from './PreciseTimers.ts';

/** Options of a {@link RealClock}. */
export interface RealClockOptions {
  /**
   * How long before a timer's time the clock starts polling the event loop for it (ms): timers then
   * fire at their time, never early and ~0.1 ms late at the median (scripts/bench-timers.ts), where
   * Node's own fire from ~1 ms early to ~1 ms late. 0 uses Node's timers as they are. Default 1.5.
   */
  spinMs?: number;
  /**
   * While polling, block the thread this long between polls instead of spinning (ms; 0 spins):
   * I/O then waits at most this long for its turn, and the poll takes a fraction of the CPU. Default 0.2.
   */
  napMs?: number;
}

const DEFAULT_SPIN_MS = 1.5;
const DEFAULT_NAP_MS = 0.2;

const NAP_CELL = new Int32Array(new SharedArrayBuffer(4));

const NODE_HOST: TimerHost = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setImmediate: (fn) => setImmediate(fn),
  nap: (ms) => {
    Atomics.wait(NAP_CELL, 0, 0, ms);
  },
};

/** One scheduler per thread and spin setting: clocks share it, so there is never more than one poll loop. */
const schedulers = new Map<string, PreciseTimers>();

function schedulerFor(spinMs: number, napMs: number): PreciseTimers {
  const key = `${spinMs}/${napMs}`;
  let scheduler = schedulers.get(key);
  if (scheduler === undefined) {
    scheduler = new PreciseTimers(NODE_HOST, spinMs, napMs);
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/**
 * The real clock: `performance.now()` for durations, `Date.now()` for the epoch, and timers that
 * fire on time to a tenth of a millisecond (see {@link PreciseTimers}) unless `spinMs` is 0. All
 * RealClocks of a thread share one scheduler.
 */
export class RealClock implements Clock {
  readonly #originMs = Date.now() - performance.now();
  readonly #timers: PreciseTimers | undefined;

  constructor(options: RealClockOptions = {}) {
    const spinMs = options.spinMs ?? DEFAULT_SPIN_MS;
    this.#timers = spinMs > 0 ? schedulerFor(spinMs, options.napMs ?? DEFAULT_NAP_MS) : undefined;
  }

  now(): number {
    return performance.now();
  }

  epochMs(): number {
    return this.#originMs + performance.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOnTimer(this, ms, signal);
  }

  setTimer(ms: number, fn: () => void): () => void {
    // NaN and negative delays mean "now" (Math.max would keep NaN).
    const delayMs = ms > 0 ? ms : 0;
    if (this.#timers !== undefined) return this.#timers.at(performance.now() + delayMs, fn);
    const timer = setTimeout(fn, delayMs);
    return () => clearTimeout(timer);
  }
}
