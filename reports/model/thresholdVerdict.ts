import type { ThresholdResult } from '../../harness/results/ResultsFile.ts';

/**
 * A threshold's result cell: `pass`, `FAIL: reason`, `not evaluated: reason` (invalid run), or
 * `skipped (interrupted): reason` (its run never started).
 */
export function thresholdVerdict(t: ThresholdResult, fail = 'FAIL'): string {
  if (t.passed) return 'pass';
  const reason = t.reason === undefined ? '' : `: ${t.reason}`;
  if (t.skipped === true) return `skipped (interrupted)${reason}`;
  return t.notEvaluated === true ? `not evaluated${reason}` : `${fail}${reason}`;
}

/** Whether a threshold failed: not passed, and neither not evaluated nor skipped. */
export function thresholdFailed(t: ThresholdResult): boolean {
  return !t.passed && t.notEvaluated !== true && t.skipped !== true;
}

/**
 * `3 passed, 1 failed` and, when any, `, 2 not evaluated` (their runs are not valid measurements)
 * and `, 4 skipped (interrupted)` (their runs never started).
 */
export function thresholdCounts(thresholds: readonly ThresholdResult[]): string {
  const passed = thresholds.filter((t) => t.passed).length;
  const notEvaluated = thresholds.filter((t) => t.notEvaluated === true).length;
  const skipped = thresholds.filter((t) => t.skipped === true).length;
  const failed = thresholds.length - passed - notEvaluated - skipped;
  return `${passed} passed, ${failed} failed${notEvaluated > 0 ? `, ${notEvaluated} not evaluated` : ''}${skipped > 0 ? `, ${skipped} skipped (interrupted)` : ''}`;
}
