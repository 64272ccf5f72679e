/**
 * A token bucket (pure state machine, no timers): holds up to `capacity` tokens, refilled
 * continuously at `ratePerSec`, starting full. Time is passed in as `nowMs` on any one clock.
 *
 * Two ways to take: `tryTake` takes only if enough is there now; `reserve` always takes, letting
 * the level go negative (a debt later takers queue behind), and says how long until the taken
 * amount is covered. `reserve` gives FIFO admission with exact times: at 1/s, burst 1, three
 * reservations at t=0 wait 0, 1000 and 2000 ms.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly ratePerSec: number;
  #tokens: number;
  #updatedAtMs: number;

  /** @param startMs clock time the bucket is created at (full). Default 0. */
  constructor(capacity: number, ratePerSec: number, startMs = 0) {
    this.capacity = capacity;
    this.ratePerSec = ratePerSec;
    this.#tokens = capacity;
    this.#updatedAtMs = startMs;
  }

  /** Tokens available at `nowMs` (negative while in debt). */
  level(nowMs: number): number {
    this.#refill(nowMs);
    return this.#tokens;
  }

  /** Takes `amount` if available at `nowMs` and returns 0; otherwise takes nothing and returns the wait (ms) until it would be. */
  tryTake(amount: number, nowMs: number): number {
    this.#refill(nowMs);
    if (this.#tokens >= amount) {
      this.#tokens -= amount;
      return 0;
    }
    return ((amount - this.#tokens) * 1000) / this.ratePerSec;
  }

  /** Takes `amount` now, into debt if need be; returns the wait (ms) until the debt is repaid (0 if none). */
  reserve(amount: number, nowMs: number): number {
    this.#refill(nowMs);
    this.#tokens -= amount;
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.ratePerSec;
  }

  /** Gives back a reservation that was not used (its caller gave up while waiting). */
  refund(amount: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#tokens = Math.min(this.capacity, this.#tokens + amount);
  }

  #refill(nowMs: number): void {
    const elapsedMs = nowMs - this.#updatedAtMs;
    if (elapsedMs <= 0) return;
    this.#updatedAtMs = nowMs;
    const tokens = this.#tokens + (elapsedMs * this.ratePerSec) / 1000;
    this.#tokens = Math.min(tokens, this.capacity);
  }
}
