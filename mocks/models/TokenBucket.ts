/**
 * A continuously refilled token bucket, the algorithm the API documents for its limits ("your
 * capacity is continuously replenished up to your maximum limit, rather than being reset at fixed
 * intervals"). A pure state machine: every method takes the clock time; no timers.
 */
export class TokenBucket {
  /** Refill rate, tokens per second. */
  readonly ratePerSec: number;
  /** Most tokens the bucket holds. */
  readonly capacity: number;
  #level: number;
  #atMs: number;

  /** Starts full at `nowMs`. */
  constructor(ratePerSec: number, capacity: number, nowMs: number) {
    this.ratePerSec = ratePerSec;
    this.capacity = capacity;
    this.#level = capacity;
    this.#atMs = nowMs;
  }

  #refill(nowMs: number): void {
    if (nowMs <= this.#atMs) return;
    this.#level = Math.min(this.capacity, this.#level + ((nowMs - this.#atMs) * this.ratePerSec) / 1000);
    this.#atMs = nowMs;
  }

  /** Tokens available at `nowMs` (fractional). */
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

  /** Takes `amount` tokens if available; false (and nothing taken) otherwise. */
  tryTake(amount: number, nowMs: number): boolean {
    this.#refill(nowMs);
    if (amount > this.#level) return false;
    this.#level -= amount;
    return true;
  }

  /** Takes `amount` without checking (the caller checked every bucket first). */
  take(amount: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#level -= amount;
  }

  /** Gives back `amount` tokens (an over-estimate), never above the capacity. */
  put(amount: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#level = Math.min(this.capacity, this.#level + amount);
  }

  /** Milliseconds until the bucket is full again. */
  fullInMs(nowMs: number): number {
    this.#refill(nowMs);
    return ((this.capacity - this.#level) * 1000) / this.ratePerSec;
  }
}
