import { describe, expect, it } from 'vitest';
import { formatRatePerSec, parseRatePerSec } from './units.ts';

describe('formatRatePerSec', () => {
  it('writes a rate in the largest unit where it is at least 1 and exact to 3 decimals', () => {
    const written = [
      '2/s',
      '2.5/s',
      '0.5/s',
      '1/min',
      '20/min',
      '100/min',
      '1.5/min',
      '3000/h',
      '7/h',
      '80/min',
    ];
    expect(written.map((text) => formatRatePerSec(parseRatePerSec(text) as number))).toEqual([
      '2/s',
      '2.5/s',
      '30/min',
      '1/min',
      '20/min',
      '100/min',
      '1.5/min',
      '50/min',
      '7/h',
      '80/min',
    ]);
  });

  it('keeps 6 significant digits when no unit gives a short exact number, and reads back', () => {
    expect(formatRatePerSec(1 / 7)).toBe('8.57143/min');
    expect(formatRatePerSec(1e-5)).toBe('0.036/h');
    expect(parseRatePerSec(formatRatePerSec(1 / 60))).toBe(1 / 60);
  });
});
