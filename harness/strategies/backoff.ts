import type { Random } from '../../base/random/Random.ts';
import type { JitterSpec, RetryOptions } from './options.ts';

/** The un-jittered delay before retry number `retryIndex` (0 = the first retry), in ms: min(cap, base × multiplier^n). */
export function baseDelayMs(
  options: Pick<RetryOptions, 'baseMs' | 'capMs' | 'multiplier'>,
  retryIndex: number,
): number {
  return Math.min(options.capMs, options.baseMs * options.multiplier ** retryIndex);
}

/**
 * Applies jitter to a delay d (ms), drawing from `random` (one draw, none for `none`):
 * full → uniform [0, d); equal → d/2 + uniform [0, d/2); proportional → d × (1 ± ratio), uniform;
 * none → d. The cap applies before jitter (as in AWS's backoff article), so proportional jitter
 * can exceed it by at most `ratio`.
 */
export function jitterMs(delayMs: number, jitter: JitterSpec, random: Random): number {
  switch (jitter.type) {
    case 'full':
      return random.next() * delayMs;
    case 'equal':
      return delayMs / 2 + (random.next() * delayMs) / 2;
    case 'proportional':
      return delayMs * (1 + jitter.ratio * (2 * random.next() - 1));
    case 'none':
      return delayMs;
  }
}

/** The jittered delay before retry number `retryIndex` (0 = the first retry), in ms. */
export function nextDelay(
  options: Pick<RetryOptions, 'baseMs' | 'capMs' | 'multiplier' | 'jitter'>,
  retryIndex: number,
  random: Random,
): number {
  return jitterMs(baseDelayMs(options, retryIndex), options.jitter, random);
}

/** Every delay a request that keeps failing would wait: `maxAttempts − 1` values, in ms. */
export function backoffDelays(
  options: Pick<RetryOptions, 'maxAttempts' | 'baseMs' | 'capMs' | 'multiplier' | 'jitter'>,
  random: Random,
): number[] {
  const delays: number[] = [];
  for (let i = 0; i < options.maxAttempts - 1; i++) delays.push(nextDelay(options, i, random));
  return delays;
}
