import { describe, expect, it } from 'vitest';
import { AccelerationLimit } from './AccelerationLimit.ts';

/** Offers one request at each time, admitting those that fit; returns the waits (undefined: admitted). */
function offer(limit: AccelerationLimit, timesMs: number[]): (number | undefined)[] {
  return timesMs.map((t) => {
    const wait = limit.waitMs(t);
    if (wait === undefined) limit.admitted(t);
    return wait;
  });
}

/** `perMinute[i]` requests evenly spread over minute i. */
function minutes(perMinute: number[]): number[] {
  return perMinute.flatMap((n, minute) =>
    Array.from({ length: n }, (_, i) => minute * 60_000 + (i * 60_000) / n),
  );
}

const refusedIn = (waits: (number | undefined)[]): number => waits.filter((w) => w !== undefined).length;

describe('AccelerationLimit', () => {
  it('lets an idle organisation send minRequests in a window, then waits for the next window', () => {
    const limit = new AccelerationLimit({ windowMs: 60_000, maxGrowth: 2, minRequests: 3 });
    expect(offer(limit, [0, 1000, 2000, 3000, 59_999])).toEqual([undefined, undefined, undefined, 57_000, 1]);
    // The next window may admit max(3, 2 × 3) = 6.
    expect(offer(limit, [60_000, 60_001, 60_002, 60_003, 60_004, 60_005, 60_006])).toEqual([
      ...Array(6).fill(undefined),
      59_994,
    ]);
  });

  it('a step from idle to 60 a minute: 10, 20, 40 admitted in the first three minutes, then all of them', () => {
    const limit = new AccelerationLimit({ windowMs: 60_000, maxGrowth: 2, minRequests: 10 });
    const waits = offer(limit, minutes([60, 60, 60, 60]));
    const admittedPerMinute = [0, 1, 2, 3].map((m) => 60 - refusedIn(waits.slice(m * 60, (m + 1) * 60)));
    expect(admittedPerMinute).toEqual([10, 20, 40, 60]);
  });

  it('a gradual ramp growing 1.5x a minute from 10 is never refused', () => {
    const limit = new AccelerationLimit({ windowMs: 60_000, maxGrowth: 2, minRequests: 10 });
    expect(refusedIn(offer(limit, minutes([10, 15, 22, 33, 50, 75, 112])))).toBe(0);
  });

  it('forgets usage after an idle window: the allowance falls back to minRequests', () => {
    const limit = new AccelerationLimit({ windowMs: 60_000, maxGrowth: 2, minRequests: 10 });
    expect(refusedIn(offer(limit, minutes([10, 20, 40])))).toBe(0);
    const afterPause = minutes([0, 0, 0, 0, 20]).map((t) => t);
    expect(refusedIn(offer(limit, afterPause))).toBe(10);
  });
});
