/**
 * A leaky bucket as a meter (pure state machine, no timers): admissions leave evenly spaced, one
 * `amount` every amount / ratePerSec seconds, however they arrive; a burst waits in the queue
 * instead of passing (seed 003). `reserve` returns each caller's wait, so the queue is implicit.
 * At 1/s, three reservations at t=0 are admitted at 0, 1000 and 2000; one more at t=5000 at 5000.
 */
export class LeakyBucket {
  readonly ratePerSec: number;
  /** Clock time (ms) the next admission may happen. */
  #nextFreeMs: number;

  /** @param startMs clock time the meter starts at. Default 0. */
  constructor(ratePerSec: number, startMs = 0) {
    this.ratePerSec = ratePerSec;
    this.#nextFreeMs = startMs;
  }

  /** Queues `amount` at `nowMs`; returns the wait (ms) until its turn. */
  reserve(amount: number, nowMs: number): number {
    const admitAtMs = Math.max(this.#nextFreeMs, nowMs);
    this.#nextFreeMs = admitAtMs + (amount * 1000) / this.ratePerSec;
    return admitAtMs - nowMs;
  }

  /** Admits `amount` now if the queue is empty and returns 0; otherwise returns the wait without queueing. */
  tryTake(amount: number, nowMs: number): number {
    if (this.#nextFreeMs > nowMs) return this.#nextFreeMs - nowMs;
    this.#nextFreeMs = nowMs + (amount * 1000) / this.ratePerSec;
    return 0;
  }

  /** Gives back a reservation whose caller gave up (only the spacing it would have used). */
  refund(amount: number, nowMs: number): void {
    this.#nextFreeMs = Math.max(nowMs, this.#nextFreeMs - (amount * 1000) / this.ratePerSec);
  }
}
