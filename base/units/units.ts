import { z } from 'zod';

/**
 * Zod types for the units users write in scenario and mock files. Each accepts a plain number in
 * the resolved unit too, and says in its error what it accepts.
 */

const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)\s*$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Parses `200ms`, `1.5s`, `5m`, `2h` to milliseconds; undefined if it is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION_RE.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * (DURATION_MS[m[2] as string] as number);
}

/** A duration: `"200ms"`, `"30s"`, `"5m"`, `"1h"`, or a number of milliseconds. Resolves to ms. */
export const duration = z
  .union([z.number(), z.string()], {
    error: 'expected a duration such as 200ms, 30s, 5m or 1h, or a number of milliseconds',
  })
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : parseDurationMs(value);
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as 200ms, 30s, 5m or 1h, or a non-negative number of milliseconds, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return ms;
  });

const RATE_RE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(ms|s|sec|second|m|min|minute|h|hour)\s*$/;
const PER_SEC: Record<string, number> = {
  ms: 1000,
  s: 1,
  sec: 1,
  second: 1,
  m: 1 / 60,
  min: 1 / 60,
  minute: 1 / 60,
  h: 1 / 3600,
  hour: 1 / 3600,
};

/** Parses `20/min`, `2/s`, `3000/h` to a rate per second; undefined if it is not a rate. */
export function parseRatePerSec(text: string): number | undefined {
  const m = RATE_RE.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * (PER_SEC[m[2] as string] as number);
}

/** Units a rate is written back in, largest first, with their length in seconds. */
const RATE_UNITS: readonly (readonly [unit: string, seconds: number])[] = [
  ['s', 1],
  ['min', 60],
  ['h', 3600],
];

/**
 * A rate per second written back as a rate users write: in the largest unit (per second, minute,
 * hour) where it is at least 1 with at most 3 decimals, so `20/min` (0.333…/s) reads `20/min`, `2/s`
 * reads `2/s`, `100/min` (1.666…/s) reads `100/min`, and `0.5/s` reads `30/min`. A rate exact in no
 * unit keeps 6 significant digits in the largest unit where it is at least 1 (else per hour).
 * The text depends only on the value: `parseRatePerSec` reads it back.
 */
export function formatRatePerSec(ratePerSec: number): string {
  const counts = RATE_UNITS.map(([unit, seconds]) => {
    const n = ratePerSec * seconds;
    // 20/min is 0.333…/s, and 60 times that is 20 only up to rounding error.
    const thousandths = Math.round(n * 1000);
    return {
      unit,
      n,
      exact: Math.abs(n * 1000 - thousandths) <= 1e-9 * n * 1000 ? thousandths / 1000 : undefined,
    };
  });
  const exact = counts.find(({ n, exact }) => n >= 1 && exact !== undefined);
  if (exact !== undefined) return `${exact.exact}/${exact.unit}`;
  const pick = counts.find(({ n }) => n >= 1) ?? (counts.at(-1) as { unit: string; n: number });
  return `${Number(pick.n.toPrecision(6))}/${pick.unit}`;
}

/** A rate: `"20/min"`, `"2/s"`, `"3000/h"`, or a number per second. Resolves to per second, > 0. */
export const rate = z
  .union([z.number(), z.string()], { error: 'expected a rate such as 20/min or 2/s, or a number per second' })
  .transform((value, ctx) => {
    const perSec = typeof value === 'number' ? value : parseRatePerSec(value);
    if (perSec === undefined || !Number.isFinite(perSec) || perSec <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a positive rate such as 20/min, 2/s or 3000/h, or a positive number per second, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return perSec;
  });

/** A probability: a number from 0 to 1, or a percentage string such as `"2.5%"`. Resolves to 0..1. */
export const probability = z
  .union([z.number(), z.string()], {
    error: 'expected a probability from 0 to 1, or a percentage such as 2%',
  })
  .transform((value, ctx) => {
    let p: number | undefined = typeof value === 'number' ? value : undefined;
    if (typeof value === 'string') {
      const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
      if (m !== null) p = Number(m[1]) / 100;
    }
    if (p === undefined || !(p >= 0 && p <= 1)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a probability from 0 to 1 or a percentage from 0% to 100%, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return p;
  });

/** A positive whole number. */
export const positiveInt = z.number().int().positive();
/** A whole number ≥ 0. */
export const nonNegativeInt = z.number().int().nonnegative();

/** A distribution of a positive quantity: a number (fixed) or `{ type: fixed|uniform|normal|lognormal, ... }`. */
export const distribution = z.union([
  z
    .number()
    .nonnegative()
    .transform((value) => ({ type: 'fixed' as const, value })),
  z.strictObject({
    type: z.literal('fixed').describe('Always the same value.'),
    value: z.number().nonnegative().describe('The value.'),
  }),
  z
    .strictObject({
      type: z.literal('uniform').describe('Any value from min to max, equally likely.'),
      min: z.number().nonnegative().describe('Smallest value.'),
      max: z.number().nonnegative().describe('Largest value (≥ min).'),
    })
    .refine((d) => d.max >= d.min, { message: 'uniform: max must be ≥ min' }),
  z.strictObject({
    type: z.literal('normal').describe('Normal (Gaussian); a token count drawn below 1 counts as 1.'),
    mean: z.number().nonnegative().describe('Mean.'),
    stdDev: z.number().nonnegative().describe('Standard deviation.'),
  }),
  z.strictObject({
    type: z.literal('lognormal').describe('Lognormal: a long right tail, as real prompt and answer lengths.'),
    median: z.number().positive().describe('Median (half the draws are below it).'),
    sigma: z
      .number()
      .nonnegative()
      .describe('Sigma of the underlying normal (0.5: the 90th percentile is ~1.9 × the median).'),
  }),
]);
