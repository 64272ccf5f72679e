/** The host primitives {@link PreciseTimers} runs on (Node's, or a test's fake). */
export interface TimerHost {
  /** Monotonic milliseconds with sub-millisecond resolution. */
  now(): number;
  /** A coarse timer: may fire late (Node's: up to about 1 ms, more on a loaded machine). */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` on the next event-loop turn, after pending I/O has been polled. */
  setImmediate(fn: () => void): unknown;
  /** Blocks the thread for `ms` (sub-millisecond; Node: `Atomics.wait`), so a poll loop need not spin. */
  nap?(ms: number): void;
}

/** A loop turn between two polls shorter than this (ms) did nothing else: the poller may nap. */
const IDLE_TURN_MS = 0.05;

interface Entry {
  atMs: number;
  seq: number;
  fn: () => void;
  /** Position in the heap; -1 once fired or cancelled. */
  index: number;
}

/**
 * One shared scheduler for real-clock timers that fire at their time, never before it, where
 * Node's own fire anywhere from ~1 ms early to ~1 ms late (libuv keeps its loop time and `epoll`
 * timeouts in whole milliseconds, and a timer starts from the loop time of the current turn). All
 * timers live in one min-heap; a single coarse `setTimeout` wakes the loop `spinMs` before the
 * earliest deadline, then `setImmediate` polls (I/O keeps flowing between polls) until it is due,
 * blocking `napMs` between polls when the host can nap and the loop is otherwise idle. The cost: while a deadline is less than
 * `spinMs` away the thread polls, so with deadlines that close together it polls all the time
 * (scripts/bench-timers.ts: ~100% of a core spinning, ~15% napping 0.2 ms, at 7,000 timers/s).
 *
 * Timers due at the same instant fire in the order they were set; a cancelled timer leaves the
 * heap at once (idle timeouts re-armed on every stream chunk must not pile up).
 */
export class PreciseTimers {
  readonly #host: TimerHost;
  readonly #spinMs: number;
  readonly #napMs: number;
  readonly #heap: Entry[] = [];
  #seq = 0;
  /** The coarse timer, and the time it was armed to wake at. */
  #timeout: unknown;
  #timeoutAtMs = Number.POSITIVE_INFINITY;
  #polling = false;
  /** When the last poll ended (host ms). */
  #lastPollMs = Number.NEGATIVE_INFINITY;
  readonly #timeoutFired = (): void => {
    this.#timeout = undefined;
    this.#timeoutAtMs = Number.POSITIVE_INFINITY;
    this.#fireDue();
  };
  readonly #polled = (): void => {
    this.#polling = false;
    const host = this.#host;
    const top = this.#heap[0];
    if (top !== undefined && host.nap !== undefined && this.#napMs > 0) {
      const nowMs = host.now();
      const remainingMs = top.atMs - nowMs;
      // Sleep a little between polls rather than spin (I/O waits at most napMs for its turn), but
      // only after an idle turn: a turn that took longer ran other work, and more may be waiting.
      if (remainingMs > 0 && nowMs - this.#lastPollMs < IDLE_TURN_MS) {
        host.nap(Math.min(remainingMs, this.#napMs));
      }
    }
    this.#fireDue();
    this.#lastPollMs = host.now();
  };

  /**
   * @param host the event loop's primitives.
   * @param spinMs how long before a deadline the coarse timer wakes to start polling (ms). Default 1.5.
   * @param napMs how long to block between polls (ms; needs `host.nap`); 0 spins. Default 0.
   */
  constructor(host: TimerHost, spinMs = 1.5, napMs = 0) {
    this.#host = host;
    this.#spinMs = spinMs;
    this.#napMs = napMs;
  }

  /** Timers not yet fired or cancelled. */
  get pending(): number {
    return this.#heap.length;
  }

  /** Runs `fn` at `atMs` on the host's clock (at once, on a later turn, if already past); returns a canceller. */
  at(atMs: number, fn: () => void): () => void {
    const entry: Entry = { atMs, seq: this.#seq++, fn, index: this.#heap.length };
    this.#heap.push(entry);
    this.#up(entry.index);
    if (entry.index === 0) this.#arm();
    return () => this.#cancel(entry);
  }

  #cancel(entry: Entry): void {
    if (entry.index < 0) return;
    this.#removeAt(entry.index);
    // With timers left, the coarse timer may wake early for nothing and re-arm: cheaper than
    // re-arming on every cancel. With none left it must go, or it would hold the process open.
    if (this.#heap.length === 0 && this.#timeout !== undefined) {
      this.#host.clearTimeout(this.#timeout);
      this.#timeout = undefined;
      this.#timeoutAtMs = Number.POSITIVE_INFINITY;
    }
  }

  #fireDue(): void {
    const heap = this.#heap;
    try {
      let nowMs = this.#host.now();
      for (;;) {
        const top = heap[0];
        if (top === undefined || top.atMs > nowMs) break;
        this.#removeAt(0);
        top.fn();
        // A timer's work takes time: timers that became due meanwhile fire in this turn too.
        nowMs = this.#host.now();
      }
    } finally {
      this.#arm();
    }
  }

  /** Makes sure the loop wakes for the earliest deadline: a coarse timer if far, polling if near. */
  #arm(): void {
    const top = this.#heap[0];
    if (top === undefined) return;
    const wakeAtMs = top.atMs - this.#spinMs;
    const host = this.#host;
    const nowMs = host.now();
    if (wakeAtMs <= nowMs) {
      if (!this.#polling) {
        this.#polling = true;
        host.setImmediate(this.#polled);
      }
      return;
    }
    if (this.#timeout !== undefined) {
      if (this.#timeoutAtMs <= wakeAtMs) return;
      host.clearTimeout(this.#timeout);
    }
    this.#timeoutAtMs = wakeAtMs;
    this.#timeout = host.setTimeout(this.#timeoutFired, wakeAtMs - nowMs);
  }

  // --- indexed binary min-heap on (atMs, seq) ---------------------------------------------------

  #less(a: Entry, b: Entry): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  #removeAt(index: number): void {
    const heap = this.#heap;
    const removed = heap[index] as Entry;
    removed.index = -1;
    const last = heap.pop() as Entry;
    if (index === heap.length) return;
    heap[index] = last;
    last.index = index;
    this.#up(index);
    this.#down(last.index);
  }

  #up(index: number): void {
    const heap = this.#heap;
    const entry = heap[index] as Entry;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as Entry;
      if (!this.#less(entry, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = entry;
    entry.index = index;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const entry = heap[index] as Entry;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.#less(heap[right] as Entry, heap[left] as Entry)) child = right;
      const smaller = heap[child] as Entry;
      if (!this.#less(smaller, entry)) break;
      heap[index] = smaller;
      smaller.index = index;
      index = child;
    }
    heap[index] = entry;
    entry.index = index;
  }
}
