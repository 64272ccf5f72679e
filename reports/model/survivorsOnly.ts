import type { RunResult } from '../../harness/results/ResultsFile.ts';
import { formatQuantity } from '../format.ts';

/**
 * Latency percentiles are taken over successful requests only (docs/metrics.md), so a strategy
 * that fails its slow requests looks fast. Above this error rate (5%) a run's latency figures are
 * marked with {@link SURVIVORS_MARK} and a footnote says so.
 */
export const HIGH_ERROR_RATE = 0.05;

/** The mark after a latency figure of a run whose error rate is above {@link HIGH_ERROR_RATE}. */
export const SURVIVORS_MARK = '†';

/** True when `run`'s latency figures describe too few of its requests to compare fairly. */
export function survivorsOnly(run: RunResult): boolean {
  return run.metrics.errorRate > HIGH_ERROR_RATE && run.metrics.requests.ok > 0;
}

/** `text` (a latency figure of `run`) with {@link SURVIVORS_MARK} when the run is `survivorsOnly`. */
export function markLatency(run: RunResult, text: string): string {
  return survivorsOnly(run) ? `${text} ${SURVIVORS_MARK}` : text;
}

/** The footnote (76 characters, within an 80-column terminal) for a table of `runs`, when any of them is marked; undefined otherwise. */
export function survivorsFootnote(runs: readonly RunResult[]): string | undefined {
  if (!runs.some(survivorsOnly)) return undefined;
  return `${SURVIVORS_MARK} percentiles over survivors only (error rate above ${formatQuantity(HIGH_ERROR_RATE * 100)}%): failures left out.`;
}
