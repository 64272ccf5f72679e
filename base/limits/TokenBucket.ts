/**
 * A token bucket, the algorithm the API documents for its limits ("your capacity is continuously
 * replenished up to your maximum limit, rather than being reset at fixed intervals"), and the one
 * both the mock's rate limiter and the client-side `rateLimit` policy use. A pure state machine:
 * every method takes the clock time (`nowMs`, on any one clock); no timers. Starts full.
 *
 * Two ways to take: `tryTake` takes only what is there now; `reserve` (and `take`) always take,
 * letting the level go negative (a debt later takers queue behind). `reserve` gives FIFO admission
 * with exact times: at 1/s, capacity 1, three reservations at t=0 wait 0, 1000 and 2000 ms. An
 * amount above the capacity waits only until the bucket is full: at 1/s, capacity 1, a full bucket
 * admits a reservation of 3 at once, and the next reservation of 1 waits 3000 ms.
 */
export class TokenBucket {
  /** Most tokens the bucket holds. */
  readonly capacity: number;
  /** Refill rate, tokens per second. */
  readonly ratePerSec: number;
  #level: number;
  #atMs: number;

  /** @param startMs clock time the bucket is created at (full). Default 0. */
  constructor(capacity: number, ratePerSec: number, startMs = 0) {
    this.capacity = capacity;
    this.ratePerSec = ratePerSec;
    this.#level = capacity;
    this.#atMs = startMs;
  }

  #refill(nowMs: number): void {
    if (nowMs <= this.#atMs) return;
    this.#level = Math.min(this.capacity, this.#level + ((nowMs - this.#atMs) * this.ratePerSec) / 1000);
    this.#atMs = nowMs;
  }

  /** Tokens available at `nowMs` (fractional; negative while in debt). */
  level(nowMs: number): number {
    this.#refill(nowMs);
    return this.#level;
  }

  /** Milliseconds until `amount` tokens are available: 0 if they are now, Infinity if `amount` exceeds the capacity. */
  waitMs(amount: number, nowMs: number): number {
    this.#refill(nowMs);
    if (amount <= this.#level) return 0;
    if (amount > this.capacity) return Number.POSITIVE_INFINITY;
    return ((amount - this.#level) * 1000) / this.ratePerSec;
  }

  /** Milliseconds until the bucket is full again. */
  fullInMs(nowMs: number): number {
    this.#refill(nowMs);
    return ((this.capacity - this.#level) * 1000) / this.ratePerSec;
  }

  /** Takes `amount` if available at `nowMs`; false (and nothing taken) otherwise. */
  tryTake(amount: number, nowMs: number): boolean {
    this.#refill(nowMs);
    if (amount > this.#level) return false;
    this.#level -= amount;
    return true;
  }

  /** Takes `amount` without checking, into debt if need be (the caller checked every bucket first). */
  take(amount: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#level -= amount;
  }

  /**
   * Takes `amount` now, into debt if need be; returns the wait (ms) until the level, before this
   * take, reaches `amount` (or the capacity, for a larger amount): 0 if it already does.
   */
  reserve(amount: number, nowMs: number): number {
    this.#refill(nowMs);
    const needed = Math.min(amount, this.capacity);
    const waitMs = this.#level >= needed ? 0 : ((needed - this.#level) * 1000) / this.ratePerSec;
    this.#level -= amount;
    return waitMs;
  }

  /** Gives back `amount` (an unused reservation, an over-estimate), never above the capacity. */
  refund(amount: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#level = Math.min(this.capacity, this.#level + amount);
  }
}
