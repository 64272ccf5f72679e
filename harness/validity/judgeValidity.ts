/**
 * Whether a run measured its target: the load generator's own lag and offered rate against the
 * schedule the workload drew (as coordinated-omission-aware generators such as wrk2 and k6 judge
 * themselves), and whether anything was measured at all. Pure functions over a run's metrics.
 */
import { formatMs, formatPercent, formatRate } from '../../reports/format.ts';
import type { RunMetrics } from '../results/ResultsFile.ts';

/** The limits a realtime run's generator must keep (`validity:` in a scenario). */
export interface ValidityLimits {
  /** Highest accepted p99 of start lag (actual start − drawn start), ms. Default 10. */
  startLagP99Ms: number;
  /** Largest accepted relative gap between offered and drawn rate (0.02 = 2%). Default 0.02. */
  offeredRateTolerance: number;
}

/** The defaults: start-lag p99 ≤ 10 ms, offered rate within 2% of the drawn schedule's. */
export const DEFAULT_VALIDITY: ValidityLimits = { startLagP99Ms: 10, offeredRateTolerance: 0.02 };

/** What {@link judgeValidity} reads of a run. */
export interface ValidityInput {
  mode: 'simulated' | 'realtime';
  metrics: Pick<RunMetrics, 'requests' | 'schedule'>;
}

/**
 * The reasons a run is not a valid measurement (empty: valid), in this order:
 * - nothing measured: no request was measured, or every one failed to connect (no HTTP answer);
 * - realtime only, when the run's schedule was recorded: the start-lag p99 is above
 *   `startLagP99Ms`; the offered rate differs from the rate it was scheduled at by more than
 *   `offeredRateTolerance` of it (open loops only: a closed loop has no rate of its own).
 * The scheduled rate is the drawn schedule's, or, when `maxConcurrency` held requests back, that of
 * the times the cap released them (`readyRatePerSec`): the cap's waits are the client's queueing.
 */
export function judgeValidity(input: ValidityInput, limits: ValidityLimits = DEFAULT_VALIDITY): string[] {
  const reasons: string[] = [];
  const { requests, schedule } = input.metrics;
  if (requests.total === 0) {
    reasons.push('nothing measured: no request was measured');
  } else if ((requests.byOutcome['connection-error'] ?? 0) === requests.total) {
    reasons.push(
      `nothing measured: all ${requests.total} requests failed to connect (is anything listening on the target?)`,
    );
  }
  if (input.mode !== 'realtime' || schedule === undefined || schedule.dispatchLagMs.count === 0)
    return reasons;
  const lag = schedule.dispatchLagMs;
  if (lag.p99 > limits.startLagP99Ms) {
    reasons.push(
      `the load generator fell behind its schedule: start lag p99 ${formatMs(lag.p99)} ms is above the limit of ${formatMs(limits.startLagP99Ms)} ms (p50 ${formatMs(lag.p50)} ms, max ${formatMs(lag.max)} ms)`,
    );
  }
  if (schedule.loop !== 'closed') {
    const scheduled = schedule.readyRatePerSec ?? schedule.drawnRatePerSec;
    const offered = schedule.achievedRatePerSec;
    if (scheduled !== undefined && scheduled > 0 && schedule.dispatchLagMs.count > 1) {
      const gap = Math.abs(offered - scheduled) / scheduled;
      if (gap > limits.offeredRateTolerance) {
        reasons.push(
          `the load generator did not offer its schedule: ${formatRate(offered)}/s offered against ${formatRate(scheduled)}/s drawn, ${formatPercent(gap)} off (limit ${formatPercent(limits.offeredRateTolerance)})`,
        );
      }
    }
  }
  return reasons;
}
