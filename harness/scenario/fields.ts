import { z } from 'zod';
import { duration } from '../../base/units/units.ts';
import { show } from './ProblemList.ts';

/**
 * Small zod building blocks shared by the scenario schemas, with messages that say what is
 * accepted and show the value that was found.
 */

/** A whole number ≥ `min`. */
export function wholeNumber(min: number) {
  return z
    .number({ error: (iss) => `expected a whole number ≥ ${min}, got ${show(iss.input)}` })
    .int({ error: (iss) => `expected a whole number ≥ ${min}, got ${show(iss.input)}` })
    .min(min, { error: (iss) => `expected a whole number ≥ ${min}, got ${show(iss.input)}` });
}

/** A duration (`200ms`, `30s`, `5m`, or ms) that must be longer than zero. Resolves to ms. */
export const positiveDuration = duration.refine((ms) => ms > 0, {
  error: 'expected a duration longer than 0 such as 200ms, 30s or 5m, got 0',
});

/**
 * A field that may sweep: one value, or a non-empty list of values (each becomes a matrix cell or
 * a strategy variant). Output: the value, or the array.
 */
export function sweep<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1)]);
}

/** The values of a sweepable field as a list (a single value becomes a one-element list). */
export function toList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
