import type { ThresholdResult } from '../../harness/results/ResultsFile.ts';

/** A threshold's result cell: `pass`, `FAIL: reason`, or `not evaluated: reason` (invalid run). */
export function thresholdVerdict(t: ThresholdResult, fail = 'FAIL'): string {
  if (t.passed) return 'pass';
  const reason = t.reason === undefined ? '' : `: ${t.reason}`;
  return t.notEvaluated === true ? `not evaluated${reason}` : `${fail}${reason}`;
}

/** `3 passed, 1 failed` and, when any, `, 2 not evaluated` (their runs are not valid measurements). */
export function thresholdCounts(thresholds: readonly ThresholdResult[]): string {
  const passed = thresholds.filter((t) => t.passed).length;
  const notEvaluated = thresholds.filter((t) => t.notEvaluated === true).length;
  const failed = thresholds.length - passed - notEvaluated;
  return `${passed} passed, ${failed} failed${notEvaluated > 0 ? `, ${notEvaluated} not evaluated` : ''}`;
}
