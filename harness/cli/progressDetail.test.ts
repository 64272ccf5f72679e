import { describe, expect, it } from 'vitest';
import { formatClockMs, progressDetail } from './progressDetail.ts';

describe('progressDetail', () => {
  it('shows a request-bound run as requests done of the total', () => {
    expect(progressDetail({ done: 256, total: 2000 })).toBe('256/2000');
  });

  it('shows a duration-bound run as clock time of the duration, then requests done', () => {
    expect(progressDetail({ done: 1280, elapsedMs: 128_400, durationMs: 600_000 })).toBe(
      '2m 8s of 10m, 1280 requests',
    );
    expect(progressDetail({ done: 0, elapsedMs: 0, durationMs: 1500 })).toBe('0s of 1.5s, 0 requests');
  });
});

describe('formatClockMs', () => {
  it('rounds down to a tenth of a second under a minute and to whole seconds above, leaving out zero units', () => {
    expect([0, 250, 42_000, 59_960, 60_000, 128_999, 3_600_000, 3_725_000].map(formatClockMs)).toEqual([
      '0s',
      '0.2s',
      '42s',
      '59.9s',
      '1m',
      '2m 8s',
      '1h',
      '1h 2m 5s',
    ]);
  });
});
