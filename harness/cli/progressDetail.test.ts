import { describe, expect, it } from 'vitest';
import { progressDetail } from './progressDetail.ts';

describe('progressDetail', () => {
  it('shows a request-bound run as requests done of the total', () => {
    expect(progressDetail({ done: 256, total: 2000 })).toBe('256/2000');
  });

  it('shows a duration-bound run as clock time of the duration, then requests done', () => {
    expect(progressDetail({ done: 1280, elapsedMs: 128_400, durationMs: 600_000 })).toBe(
      '2 min 8 s of 10 min, 1280 requests',
    );
    expect(progressDetail({ done: 0, elapsedMs: 0, durationMs: 1500 })).toBe('0 s of 1.5 s, 0 requests');
  });
});
