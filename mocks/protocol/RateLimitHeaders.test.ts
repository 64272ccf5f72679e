import { describe, expect, it } from 'vitest';
import { rfc3339 } from './RateLimitHeaders.ts';

describe('rfc3339', () => {
  it('formats whole seconds in UTC, rounding up', () => {
    expect(rfc3339(Date.UTC(2025, 7, 21, 12, 40, 59))).toBe('2025-08-21T12:40:59Z');
    expect(rfc3339(Date.UTC(2025, 7, 21, 12, 40, 59) + 1)).toBe('2025-08-21T12:41:00Z');
  });
});
