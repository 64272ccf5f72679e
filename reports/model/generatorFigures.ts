import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { DEFAULT_VALIDITY, type ValidityLimits } from '../../harness/validity/judgeValidity.ts';
import { formatMs, formatPercent, formatRate } from '../format.ts';
import { resolvedScenario } from './resolvedScenario.ts';

/**
 * How well a realtime run's load generator kept its schedule, as one line of text: start lag
 * p50/p99/max and the offered rate next to the drawn schedule's (docs/realtime.md). Undefined for
 * simulated results and for runs without a recorded schedule (files of older versions).
 */
export function generatorFigures(results: ResultsFile, run: RunResult): string | undefined {
  const schedule = run.metrics.schedule;
  if (results.mode !== 'realtime' || schedule === undefined) return undefined;
  const lag = schedule.dispatchLagMs;
  const lagText = `start lag p50 ${formatMs(lag.p50)} / p99 ${formatMs(lag.p99)} / max ${formatMs(lag.max)} ms`;
  const offered = `offered ${formatRate(schedule.achievedRatePerSec)}/s`;
  if (schedule.loop === 'closed') return `${lagText}; ${offered} (closed loop)`;
  const drawn = schedule.drawnRatePerSec;
  let rateText = drawn === undefined ? offered : `${offered}, drawn ${formatRate(drawn)}/s`;
  if (schedule.readyRatePerSec !== undefined) {
    rateText += ` (${schedule.heldStarts ?? 0} held by maxConcurrency, released at ${formatRate(schedule.readyRatePerSec)}/s)`;
  }
  return `${lagText}; ${rateText}`;
}

/** The validity limits the results were judged by: the scenario's, or the defaults for older files. */
export function validityLimits(results: ResultsFile): ValidityLimits {
  return resolvedScenario(results).validity ?? DEFAULT_VALIDITY;
}

/** The limits as a sentence fragment: `lag p99 ≤ 10.0 ms, offered within 2.00% of drawn`. */
export function limitsText(limits: ValidityLimits): string {
  return `lag p99 ≤ ${formatMs(limits.startLagP99Ms)} ms, offered within ${formatPercent(limits.offeredRateTolerance)} of drawn`;
}
