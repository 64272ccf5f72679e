import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
import { backoffDelays, nextDelay } from './backoff.ts';
import { DEFAULT_RETRY, type RetryOptions } from './options.ts';

const base: RetryOptions = { ...DEFAULT_RETRY, maxAttempts: 4, jitter: { type: 'none' } };

describe('backoff', () => {
  it('doubles from the base without jitter', () => {
    expect(backoffDelays(base, new Random(1))).toEqual([500, 1000, 2000]);
  });

  it('never exceeds the cap before jitter, and grows by the multiplier', () => {
    expect(backoffDelays({ ...base, maxAttempts: 6, capMs: 1500 }, new Random(1))).toEqual([
      500, 1000, 1500, 1500, 1500,
    ]);
    expect(backoffDelays({ ...base, multiplier: 3 }, new Random(1))).toEqual([500, 1500, 4500]);
  });

  it("applies seed 002's 10% jitter: every delay within ±10% of min(60 s, 0.5 s × 2^n), and repeatable", () => {
    const options: RetryOptions = {
      ...base,
      maxAttempts: 10,
      baseMs: 500,
      capMs: 60_000,
      jitter: { type: 'proportional', ratio: 0.1 },
    };
    const delays = backoffDelays(options, new Random(2, 'retry'));
    const nominal = [500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000];
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual((nominal[i] as number) * 0.9);
      expect(d).toBeLessThan((nominal[i] as number) * 1.1);
    });
    expect(delays).not.toEqual(nominal);
    expect(backoffDelays(options, new Random(2, 'retry'))).toEqual(delays);
    const u = new Random(2, 'retry').next();
    expect(delays[0]).toBe(500 * (1 + 0.1 * (2 * u - 1)));
  });

  it('draws full jitter in [0, d) and equal jitter in [d/2, d)', () => {
    const random = new Random(3);
    for (let n = 0; n < 50; n++) {
      const full = nextDelay({ ...base, jitter: { type: 'full' } }, 2, random);
      const equal = nextDelay({ ...base, jitter: { type: 'equal' } }, 2, random);
      expect(full).toBeGreaterThanOrEqual(0);
      expect(full).toBeLessThan(2000);
      expect(equal).toBeGreaterThanOrEqual(1000);
      expect(equal).toBeLessThan(2000);
    }
    const u = new Random(4).next();
    expect(nextDelay({ ...base, jitter: { type: 'full' } }, 0, new Random(4))).toBe(500 * u);
    expect(nextDelay({ ...base, jitter: { type: 'equal' } }, 0, new Random(4))).toBe(250 + 250 * u);
  });
});
