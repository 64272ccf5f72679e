/** How an `acquire` ended. */
export type AcquireResult = 'acquired' | 'queue-full' | 'aborted';

interface Waiter {
  resolve: (result: AcquireResult) => void;
  /** Set once the waiter got a slot or gave up, so `release` skips it. */
  done: boolean;
}

/**
 * A counting semaphore with a FIFO queue (cockatiel's bulkhead): at most `maxInFlight` holders, at
 * most `maxQueue` waiters; a waiter whose signal aborts leaves the queue. No timers, no clock.
 */
export class Semaphore {
  readonly maxInFlight: number;
  readonly maxQueue: number;
  #inFlight = 0;
  #queued = 0;
  #queue: Waiter[] = [];
  #head = 0;

  /** @param maxQueue waiters allowed; default unbounded. */
  constructor(maxInFlight: number, maxQueue = Number.POSITIVE_INFINITY) {
    this.maxInFlight = maxInFlight;
    this.maxQueue = maxQueue;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get queued(): number {
    return this.#queued;
  }

  /** Takes a slot now if one is free. */
  tryAcquire(): boolean {
    if (this.#inFlight >= this.maxInFlight) return false;
    this.#inFlight++;
    return true;
  }

  /** Takes a slot, waiting in FIFO order; `queue-full` at once when `maxQueue` waiters already wait. */
  acquire(signal?: AbortSignal): Promise<AcquireResult> {
    if (this.tryAcquire()) return Promise.resolve('acquired');
    if (signal?.aborted) return Promise.resolve('aborted');
    if (this.#queued >= this.maxQueue) return Promise.resolve('queue-full');
    return new Promise<AcquireResult>((resolve) => {
      const waiter: Waiter = { resolve, done: false };
      if (signal !== undefined) {
        const onAbort = (): void => {
          if (waiter.done) return;
          waiter.done = true;
          this.#queued--;
          resolve('aborted');
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (result) => {
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
      }
      this.#queue.push(waiter);
      this.#queued++;
    });
  }

  /** Gives a slot back; the longest waiter still waiting gets it. */
  release(): void {
    const queue = this.#queue;
    while (this.#head < queue.length) {
      const waiter = queue[this.#head] as Waiter;
      this.#head++;
      if (waiter.done) continue;
      waiter.done = true;
      this.#queued--;
      this.#compact();
      waiter.resolve('acquired');
      return;
    }
    this.#compact();
    this.#inFlight--;
  }

  #compact(): void {
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
