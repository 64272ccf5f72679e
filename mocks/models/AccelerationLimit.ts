import type { MockConfig } from '../config/MockConfig.ts';

/** MockConfig `rateLimits.acceleration`, resolved (durations in ms). */
export type AccelerationConfig = NonNullable<MockConfig['rateLimits']['acceleration']>;

/** The 429 message of a sharp ramp-up (modelled: the docs describe the limit, not its message). */
export const ACCELERATION_MESSAGE =
  'This request would exceed your organization’s acceleration limit: usage increased too sharply. ' +
  'Please ramp up traffic gradually and keep usage patterns consistent. ' +
  'For details, refer to: https://docs.claude.com/en/api/rate-limits.';

/**
 * Acceleration limits. Anthropic's rate-limit docs: "You may also encounter 429 errors due to
 * acceleration limits on the API if your organization has a sharp increase in usage. To avoid
 * hitting acceleration limits, ramp up your traffic gradually and maintain consistent usage
 * patterns." They publish no rule, so this models the simplest one that behaves so: time is cut
 * into windows of `windowMs` from the clock's origin, and a window may admit at most `maxGrowth`
 * times the requests the window before it admitted, or `minRequests`, whichever is more. A step
 * from idle to a steady rate is refused beyond `minRequests` in its first window and gets through
 * as the allowance grows window by window (×2 with `maxGrowth` 2); traffic that grows by less than
 * `maxGrowth` a window never meets it. Only admitted requests count, so refused retries do not make
 * it worse. A refusal waits until the next window. Every method takes the clock time (non-decreasing).
 */
export class AccelerationLimit {
  readonly #windowMs: number;
  readonly #maxGrowth: number;
  readonly #minRequests: number;
  #window = 0;
  #count = 0;
  #previousCount = 0;

  constructor(config: AccelerationConfig) {
    this.#windowMs = config.windowMs;
    this.#maxGrowth = config.maxGrowth;
    this.#minRequests = config.minRequests;
  }

  /** Undefined when one more request fits in the current window; else the ms to the next window (≥ 1). */
  waitMs(nowMs: number): number | undefined {
    this.#advance(nowMs);
    if (this.#count < this.allowance(this.#previousCount)) return undefined;
    return Math.max(1, (this.#window + 1) * this.#windowMs - nowMs);
  }

  /** Requests a window may admit after `previous` in the window before it. */
  allowance(previous: number): number {
    return Math.max(this.#minRequests, Math.floor(this.#maxGrowth * previous));
  }

  /** Counts an admitted request (after {@link waitMs} said it fits). */
  admitted(nowMs: number): void {
    this.#advance(nowMs);
    this.#count++;
  }

  #advance(nowMs: number): void {
    const window = Math.floor(nowMs / this.#windowMs);
    if (window === this.#window) return;
    this.#previousCount = window === this.#window + 1 ? this.#count : 0;
    this.#count = 0;
    this.#window = window;
  }
}
