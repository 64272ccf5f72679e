/** The three states of a circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker as a pure state machine (cockatiel's ConsecutiveBreaker, with time passed in):
 * closed → open after `failureThreshold` consecutive failures; open → half-open once `openMs` has
 * passed, letting exactly one trial call through; the trial's success closes it, its failure opens
 * it again for another `openMs`.
 */
export class CircuitBreakerState {
  readonly failureThreshold: number;
  readonly openMs: number;
  state: BreakerState = 'closed';
  /** Consecutive failures while closed. */
  failures = 0;
  /** Clock time (ms) the circuit last opened. */
  openedAtMs = 0;
  #trialInFlight = false;

  constructor(failureThreshold: number, openMs: number) {
    this.failureThreshold = failureThreshold;
    this.openMs = openMs;
  }

  /** May a call go through at `nowMs`? (A yes in half-open state makes that call the trial.) */
  tryPass(nowMs: number): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (nowMs - this.openedAtMs < this.openMs) return false;
      this.state = 'half-open';
    }
    if (this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.state = 'closed';
    this.failures = 0;
    this.#trialInFlight = false;
  }

  onFailure(nowMs: number): void {
    if (this.state === 'half-open') {
      this.#open(nowMs);
    } else if (this.state === 'closed' && ++this.failures >= this.failureThreshold) {
      this.#open(nowMs);
    }
  }

  /** A call that neither succeeded nor failed (aborted): a half-open trial slot is freed for the next call. */
  onNeutral(): void {
    if (this.state === 'half-open') this.#trialInFlight = false;
  }

  #open(nowMs: number): void {
    this.state = 'open';
    this.openedAtMs = nowMs;
    this.#trialInFlight = false;
  }
}
