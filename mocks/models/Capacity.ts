import type { MockConfig } from '../config/MockConfig.ts';

/** What happens to a request that arrives: it starts now, waits in the queue, or is refused (529). */
export type CapacityDecision = 'start' | 'queue' | 'reject';

interface Waiter {
  start: (() => void) | undefined;
}

/**
 * The server's generation slots (MockConfig `capacity`): at most `maxConcurrent` requests are
 * generated at once (unset: unlimited). Beyond that a request waits in a FIFO queue (`overflow:
 * queue`, at most `maxQueue` waiting) or is refused at once (`overflow: reject`); a refusal is a
 * 529 overloaded_error. Holds no timers: the server calls {@link release} when a request ends.
 */
export class Capacity {
  readonly #max: number;
  readonly #overflow: 'queue' | 'reject';
  readonly #maxQueue: number;
  readonly #queue: Waiter[] = [];
  #head = 0;
  #waiting = 0;
  #inFlight = 0;

  constructor(config: MockConfig['capacity']) {
    this.#max = config.maxConcurrent ?? Number.POSITIVE_INFINITY;
    this.#overflow = config.overflow;
    this.#maxQueue = config.maxQueue ?? Number.POSITIVE_INFINITY;
  }

  /** Requests holding a slot. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.#waiting;
  }

  /** Decides for an arriving request; on `start` the slot is taken. */
  arrive(): CapacityDecision {
    if (this.#inFlight < this.#max && this.#waiting === 0) {
      this.#inFlight++;
      return 'start';
    }
    if (this.#overflow === 'reject' || this.#waiting >= this.#maxQueue) return 'reject';
    return 'queue';
  }

  /**
   * Queues a request after `arrive()` said `queue`; `start` runs (synchronously, inside a later
   * `release()`) once it holds a slot. Returns a function that leaves the queue (idempotent; no
   * effect once started).
   */
  enqueue(start: () => void): () => void {
    const waiter: Waiter = { start };
    this.#queue.push(waiter);
    this.#waiting++;
    return () => {
      if (waiter.start === undefined) return;
      waiter.start = undefined;
      this.#waiting--;
    };
  }

  /** A request left its slot; the longest-waiting request, if any, takes it. */
  release(): void {
    this.#inFlight--;
    while (this.#inFlight < this.#max && this.#waiting > 0) {
      const waiter = this.#queue[this.#head] as Waiter;
      this.#queue[this.#head++] = undefined as unknown as Waiter;
      const start = waiter.start;
      if (start === undefined) continue;
      waiter.start = undefined;
      this.#waiting--;
      this.#inFlight++;
      start();
    }
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
