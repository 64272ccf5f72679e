import type { ResultsFile, RunResult, SkippedRun, ThresholdResult } from '../results/ResultsFile.ts';
import type { ThresholdSpec } from '../scenario/types.ts';
import { readMetric } from '../stats/metricPath.ts';

/** Why a metric can be absent from a run, by path prefix: said in the failure reason. */
const ABSENCE_HINTS: readonly (readonly [string, string])[] = [
  ['ttftMs', 'only streamed requests (stream: true) measure time to first token'],
  ['itlMs', 'only streamed requests (stream: true) measure inter-token latency'],
  ['goodput', 'goodput needs SLOs in the scenario (slo: latency / ttft)'],
  ['schedule', 'only open-loop workloads (arrival: open) record their schedule'],
  ['batch', 'only batching strategies record batches'],
  ['overheadMs', 'only a gateway: scenario with baseline: direct measures the overhead'],
];

function missingReason(path: string, whose: string): string {
  const hint = ABSENCE_HINTS.find(([prefix]) => path.startsWith(prefix))?.[1];
  return `${path} was not measured in ${whose}${hint === undefined ? '' : ` (${hint})`}`;
}

function holds(measured: number, op: ThresholdSpec['op'], bound: number): boolean {
  switch (op) {
    case '<':
      return measured < bound;
    case '<=':
      return measured <= bound;
    case '>':
      return measured > bound;
    case '>=':
      return measured >= bound;
  }
}

/** The verdict's text for a check whose run never started: see {@link ThresholdResult.skipped}. */
export const SKIPPED_VERDICT = 'skipped (interrupted)';

function skippedResult(spec: ThresholdSpec, run: SkippedRun, reason: string): ThresholdResult {
  return {
    source: spec.source,
    strategy: run.strategy,
    cellId: run.cellId,
    metric: spec.metric,
    measured: Number.NaN,
    bound: Number.NaN,
    passed: false,
    skipped: true,
    reason,
  };
}

function evaluateOne(
  spec: ThresholdSpec,
  run: RunResult,
  runs: readonly RunResult[],
  skipped: readonly SkippedRun[],
): ThresholdResult {
  const result: ThresholdResult = {
    source: spec.source,
    strategy: run.strategy,
    cellId: run.cellId,
    metric: spec.metric,
    measured: Number.NaN,
    bound: spec.value,
    passed: false,
  };
  const measured = readMetric(run.metrics, spec.metric);
  if (measured !== undefined) result.measured = measured;
  if (spec.relativeTo !== undefined) {
    result.bound = Number.NaN;
    const ref = runs.find((r) => r.strategy === spec.relativeTo && r.cellId === run.cellId);
    const refValue = ref === undefined ? undefined : readMetric(ref.metrics, spec.metric);
    if (ref === undefined && skipped.some((r) => r.strategy === spec.relativeTo && r.cellId === run.cellId)) {
      return skippedResult(spec, run, `the reference run of "${spec.relativeTo}" never started`);
    }
    if (ref === undefined) {
      result.reason = `no run of strategy "${spec.relativeTo}" in cell ${run.cellId} to compare with`;
      return result;
    }
    if (refValue === undefined) {
      result.reason = missingReason(spec.metric, `the reference run of "${spec.relativeTo}"`);
      return result;
    }
    result.bound = spec.value * refValue;
    if (!ref.valid) {
      result.notEvaluated = true;
      result.reason = `invalid measurement: the reference run of "${spec.relativeTo}" is not valid (${(ref.invalidReasons ?? []).join('; ') || 'no reason given'})`;
      return result;
    }
  }
  if (!run.valid) {
    result.notEvaluated = true;
    result.reason = `invalid measurement: ${(run.invalidReasons ?? []).join('; ') || 'no reason given'}`;
    return result;
  }
  if (measured === undefined) {
    const overhead = /^overheadMs\.(p50|p90|p99)$/.exec(spec.metric)?.[1] as
      | 'p50'
      | 'p90'
      | 'p99'
      | undefined;
    const estimate = overhead === undefined ? undefined : run.baseline?.overheadMs[overhead];
    if (run.baseline?.direct.valid === false) {
      // The direct twin did not measure the path without the gateway: no overhead to judge.
      result.notEvaluated = true;
      result.reason = `invalid measurement: the direct run is not valid (${(run.baseline.direct.invalidReasons ?? []).join('; ') || 'no reason given'})`;
      return result;
    }
    result.reason =
      estimate?.kind === 'not-measured'
        ? `${spec.metric} was not measured: ${estimate.reason}`
        : missingReason(spec.metric, 'this run');
    return result;
  }
  result.passed = holds(measured, spec.op, result.bound);
  return result;
}

/**
 * Checks every threshold against every run it applies to (one result per spec × strategy × cell,
 * in spec order then run order). A spec without `strategy` applies to every strategy except its own
 * `relativeTo` reference. Relative bounds are `value × the reference strategy's metric in the same
 * cell`. Never throws on a missing metric or run: that is a failed threshold with a `reason`. A
 * threshold on an invalid run (or relative to one) is not evaluated (`notEvaluated`, `passed`
 * false, `reason` why): an invalid measurement neither passes nor fails. A threshold on a run in
 * `skipped` (never started: the scenario was interrupted), or relative to one, is `skipped`, after
 * the evaluated ones of its spec.
 */
export function evaluateThresholds(
  specs: readonly ThresholdSpec[],
  runs: readonly RunResult[],
  skipped: readonly SkippedRun[] = [],
): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const spec of specs) {
    const applies = (run: SkippedRun): boolean =>
      (spec.strategy === undefined ? run.strategy !== spec.relativeTo : run.strategy === spec.strategy) &&
      inCell(spec.params, run);
    const targets = runs.filter(applies);
    const notStarted = skipped.filter(applies);
    if (targets.length === 0 && notStarted.length === 0 && spec.strategy !== undefined) {
      const known = [...new Set(runs.map((r) => r.strategy))].join(', ') || 'none';
      results.push({
        source: spec.source,
        strategy: spec.strategy,
        cellId: '*',
        metric: spec.metric,
        measured: Number.NaN,
        bound: Number.NaN,
        passed: false,
        reason: `no run of strategy "${spec.strategy}" (strategies run: ${known})`,
      });
      continue;
    }
    for (const run of targets) results.push(evaluateOne(spec, run, runs, skipped));
    for (const run of notStarted) results.push(skippedResult(spec, run, 'the run never started'));
  }
  return results;
}

/** Whether a run's cell has every parameter value the spec names (no params: every cell). */
function inCell(params: ThresholdSpec['params'], run: Pick<RunResult, 'params'>): boolean {
  if (params === undefined) return true;
  return Object.entries(params).every(([key, value]) => run.params[key] === value);
}

/**
 * Exit code of a finished (not interrupted) run: 3 when any run is not a valid measurement (its
 * thresholds were not evaluated; this wins over 1, since the verdict is incomplete), 1 when a
 * threshold failed, 0 when every threshold passed on valid runs.
 */
export function thresholdExitCode(results: Pick<ResultsFile, 'thresholds' | 'runs'>): 0 | 1 | 3 {
  if (results.runs.some((run) => !run.valid) || results.thresholds.some((t) => t.notEvaluated === true)) {
    return 3;
  }
  return results.thresholds.every((t) => t.passed) ? 0 : 1;
}
