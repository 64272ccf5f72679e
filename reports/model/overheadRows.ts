import { OVERHEAD_PERCENTILES } from '../../harness/gateway/gatewayOverhead.ts';
import type { OverheadEstimate, OverheadPercentile, RunResult } from '../../harness/results/ResultsFile.ts';
import { formatMs, MISSING } from '../format.ts';

/** A cell's gateway overhead (`gateway.baseline: direct`), cells formatted, for any renderer. */
export interface OverheadTable {
  /** `gateway overhead (ms): gateway − direct, 95% interval`. */
  title: string;
  head: string[];
  rows: string[][];
  /** Why an estimate is missing, one line per strategy that has one. */
  notes: string[];
}

/** `+0.4 [0.2, 0.7]`: the difference (ms) and its interval; `–` when it was not measured. */
export function formatOverhead(estimate: OverheadEstimate): string {
  if (estimate.kind === 'not-measured') return MISSING;
  const signed = (ms: number): string => `${ms > 0 ? '+' : ''}${formatMs(ms)}`;
  return `${signed(estimate.differenceMs)} [${signed(estimate.lowMs)}, ${signed(estimate.highMs)}]`;
}

/**
 * The overhead rows of the runs that have a direct twin: per strategy, p50/p90/p99 of gateway −
 * direct with intervals, and the direct run's p50 for scale. Undefined when no run has one.
 */
export function overheadTable(runs: readonly RunResult[]): OverheadTable | undefined {
  const twinned = runs.filter((run) => run.baseline !== undefined);
  const first = twinned[0]?.baseline;
  if (first === undefined) return undefined;
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const run of twinned) {
    const baseline = run.baseline;
    if (baseline === undefined) continue;
    rows.push([
      run.strategy,
      ...OVERHEAD_PERCENTILES.map((p) => formatOverhead(baseline.overheadMs[p])),
      formatMs(baseline.direct.metrics.latencyMs?.p50),
    ]);
    // Percentiles missing for the same reason share one line: `p50, p90, p99: the gateway run is not valid (…)`.
    const byReason = new Map<string, OverheadPercentile[]>();
    for (const p of OVERHEAD_PERCENTILES) {
      const estimate = baseline.overheadMs[p];
      if (estimate.kind === 'not-measured')
        byReason.set(estimate.reason, [...(byReason.get(estimate.reason) ?? []), p]);
    }
    const reasons = [...byReason].map(([reason, ps]) => `${ps.join(', ')}: ${reason}`);
    if (reasons.length > 0) notes.push(`${run.strategy}: ${reasons.join('; ')}`);
  }
  return {
    title: `gateway overhead (ms): gateway − direct, ${Math.round(first.confidence * 100)}% interval`,
    head: ['strategy', ...OVERHEAD_PERCENTILES, 'direct p50'],
    rows,
    notes,
  };
}

/**
 * A gateway run's direct twin as a run of its own (`<strategy> (no gateway)`), for the lines that
 * describe each run, such as the load generator's figures; undefined without `baseline: direct`.
 */
export function directTwin(run: RunResult): RunResult | undefined {
  const baseline = run.baseline;
  if (baseline === undefined) return undefined;
  const { metrics, samples, valid, invalidReasons } = baseline.direct;
  return {
    strategy: `${run.strategy} (no gateway)`,
    cellId: run.cellId,
    params: run.params,
    metrics,
    samples,
    valid,
    ...(invalidReasons !== undefined ? { invalidReasons } : {}),
  };
}

/** `runs`, each followed by its direct twin when it has one. */
export function withDirectTwins(runs: readonly RunResult[]): RunResult[] {
  return runs.flatMap((run) => {
    const twin = directTwin(run);
    return twin === undefined ? [run] : [run, twin];
  });
}
