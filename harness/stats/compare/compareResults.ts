import { InputError } from '../../../base/errors.ts';
import { Random } from '../../../base/random/Random.ts';
import type { ResultsFile, RunResult } from '../../results/ResultsFile.ts';
import { holmAdjust } from '../holmAdjust.ts';
import { METRIC_PATHS, metricDirection, readMetric, resolveMetricPath } from '../metricPath.ts';
import {
  type ComparedFile,
  type Comparison,
  type ComparisonSettings,
  DEFAULT_COMPARE_METRICS,
  DETERMINISTIC_TOLERANCE,
  type InvalidRun,
  type MetricComparison,
  type RunComparison,
  type RunRef,
  type Verdict,
} from './Comparison.ts';
import { deterministicVerdict, noiseBand, statisticalVerdict } from './decideVerdict.ts';
import { isProportion, type MetricEvidence, testMetric } from './testMetric.ts';

export interface CompareOptions {
  /** Metric paths or aliases (`p99`, `mean`, `throughput`...). Default: DEFAULT_COMPARE_METRICS. */
  metrics?: readonly string[];
  /**
   * Noise band (practical-effect threshold) as a fraction of the baseline: smaller changes are
   * `unchanged`. Default 0.05 in a statistical comparison; in a deterministic one (same seed,
   * simulated) the default is 0, every real change counts, and a band given here is honoured.
   */
  noise?: number;
  /** Significance level after Holm correction. Default 0.05. */
  alpha?: number;
  /** Fewest samples a side for a statistical verdict. Default 10. */
  minSamples?: number;
  /** Bootstrap resamples. Default 4000. */
  resamples?: number;
  /** Seed of the bootstrap generator (the same files and seed give the same intervals). Default 1. */
  bootstrapSeed?: number;
  /**
   * Accept runs (strategy + cell) of base that head lacks. Default false: `comparisonFails` then
   * fails the comparison and the renderers say what is missing.
   */
  allowMissing?: boolean;
}

function describeFile(results: ResultsFile): ComparedFile {
  return {
    scenario: results.scenario.name,
    mode: results.mode,
    seed: results.seed,
    startedAt: results.startedAt,
  };
}

function resolveMetrics(names: readonly string[]): string[] {
  return names.map((name) => {
    const path = resolveMetricPath(name);
    if (path === undefined) {
      throw new InputError(
        `--metrics: unknown metric ${JSON.stringify(name)}; use a path such as latencyMs.p99 or throughput.requestsPerMin, or one of: mean, p50, p90, p95, p99, throughput, errors, cost, retries, hit-rate (all paths: ${METRIC_PATHS.slice(0, 9).join(', ')}, ...)`,
      );
    }
    return path;
  });
}

function warningsFor(base: ResultsFile, head: ResultsFile, kind: Comparison['kind']): string[] {
  const warnings: string[] = [];
  if (base.scenario.name !== head.scenario.name) {
    warnings.push(
      `different scenarios: base "${base.scenario.name}", head "${head.scenario.name}"; runs are matched by strategy and cell anyway`,
    );
  }
  if (base.mode !== head.mode)
    warnings.push(`base is ${base.mode}, head is ${head.mode}: compared statistically`);
  else if (base.mode === 'simulated' && base.seed !== head.seed) {
    warnings.push(
      `different seeds (base ${base.seed}, head ${head.seed}): the workloads differ (prompts and draws come from the seed), so differences mix workload and code; compared statistically`,
    );
  }
  if (kind === 'statistical' && base.environment.cpu !== head.environment.cpu) {
    warnings.push(
      `measured on different machines (${base.environment.cpu} vs ${head.environment.cpu}): realtime figures compare best on one machine, back to back`,
    );
  }
  if (base.partial) warnings.push('base results are partial (the run was interrupted)');
  if (head.partial) warnings.push('head results are partial (the run was interrupted)');
  return warnings;
}

function invalidReason(baseRun: RunResult, headRun: RunResult): string | undefined {
  const sides = [
    [baseRun, 'base'],
    [headRun, 'head'],
  ] as const;
  const bad = sides.filter(([run]) => !run.valid);
  if (bad.length === 0) return undefined;
  return `invalid measurement: ${bad.map(([run, side]) => `${side}: ${(run.invalidReasons ?? []).join('; ') || 'no reason given'}`).join('; ')}`;
}

/** Every run of base, then of head, judged invalid, with its reasons. */
function invalidRuns(base: ResultsFile, head: ResultsFile): InvalidRun[] {
  const sides = [
    ['base', base],
    ['head', head],
  ] as const;
  return sides.flatMap(([side, results]) =>
    results.runs
      .filter((run) => !run.valid)
      .map((run) => ({
        side,
        strategy: run.strategy,
        cellId: run.cellId,
        reasons: run.invalidReasons ?? [],
      })),
  );
}

/** DEFAULT_COMPARE_METRICS, and goodput per minute after throughput when either side measured it (`slo:`). */
function defaultMetrics(base: ResultsFile, head: ResultsFile): readonly string[] {
  const goodput = [...base.runs, ...head.runs].some(
    (run) => run.metrics.goodput?.requestsPerMin !== undefined,
  );
  if (!goodput) return DEFAULT_COMPARE_METRICS;
  const at = DEFAULT_COMPARE_METRICS.indexOf('throughput.requestsPerMin') + 1;
  return [
    ...DEFAULT_COMPARE_METRICS.slice(0, at),
    'goodput.requestsPerMin',
    ...DEFAULT_COMPARE_METRICS.slice(at),
  ];
}

/**
 * Compares two results files run by run (matched by strategy + cellId) on a few headline metrics.
 * Simulated runs with the same seed and scenario are deterministic: any difference beyond 1e-9
 * relative is real. Otherwise each metric is tested on its samples (see testMetric), p-values are
 * Holm-corrected across every tested metric, and decideVerdict's two-condition rule decides.
 */
export function compareResults(
  base: ResultsFile,
  head: ResultsFile,
  options: CompareOptions = {},
): Comparison {
  const deterministic =
    base.mode === 'simulated' &&
    head.mode === 'simulated' &&
    base.seed === head.seed &&
    base.scenario.name === head.scenario.name;
  const settings: ComparisonSettings = {
    metrics: resolveMetrics(options.metrics ?? defaultMetrics(base, head)),
    noise: options.noise ?? (deterministic ? 0 : 0.05),
    alpha: options.alpha ?? 0.05,
    minSamples: options.minSamples ?? 10,
    resamples: options.resamples ?? 4000,
    bootstrapSeed: options.bootstrapSeed ?? 1,
    allowMissing: options.allowMissing ?? false,
  };
  const kind: Comparison['kind'] = deterministic ? 'deterministic' : 'statistical';
  const key = (r: RunRef): string => `${r.strategy}\u0000${r.cellId}`;
  const headRuns = new Map(head.runs.map((r) => [key(r), r]));
  const baseKeys = new Set(base.runs.map(key));
  const removed: RunRef[] = [];
  const runs: RunComparison[] = [];
  const pending: {
    entry: MetricComparison;
    evidence: Extract<MetricEvidence, { kind: 'tested' }>;
    band: number;
  }[] = [];

  for (const baseRun of base.runs) {
    const headRun = headRuns.get(key(baseRun));
    if (headRun === undefined) {
      removed.push({ strategy: baseRun.strategy, cellId: baseRun.cellId });
      continue;
    }
    const compared: RunComparison = { strategy: baseRun.strategy, cellId: baseRun.cellId, metrics: [] };
    for (const metric of settings.metrics) {
      const better = metricDirection(metric);
      const b = readMetric(baseRun.metrics, metric);
      const c = readMetric(headRun.metrics, metric);
      const entry: MetricComparison = { metric, better, method: 'none', verdict: 'inconclusive', reason: '' };
      compared.metrics.push(entry);
      if (b !== undefined) entry.baseline = b;
      if (c !== undefined) entry.current = c;
      if (b === undefined || c === undefined) {
        entry.reason = `not measured in ${b === undefined && c === undefined ? 'either' : b === undefined ? 'base' : 'head'}`;
        continue;
      }
      if (b !== 0) entry.deltaPct = ((c - b) / Math.abs(b)) * 100;
      else if (c === 0) entry.deltaPct = 0;
      const invalid = invalidReason(baseRun, headRun);
      if (invalid !== undefined) {
        entry.reason = invalid;
        continue;
      }
      if (deterministic) {
        const band = settings.noise > 0 ? noiseBand(b, settings.noise, isProportion(metric)) : 0;
        Object.assign(entry, { method: 'deterministic' }, deterministicVerdict(b, c, better, band));
        continue;
      }
      const random = new Random(
        settings.bootstrapSeed,
        `compare/${baseRun.strategy}/${baseRun.cellId}/${metric}`,
      );
      const evidence = testMetric(metric, baseRun, headRun, { ...settings, random });
      const band = noiseBand(b, settings.noise, isProportion(metric));
      if (evidence.kind === 'too-few') entry.reason = evidence.reason;
      else if (evidence.kind === 'untested') {
        entry.reason = `${evidence.reason}: not judged in a statistical comparison (Δ shown for information)`;
      } else {
        Object.assign(entry, {
          method: evidence.method,
          interval: evidence.test.interval,
          pValue: evidence.test.pValue,
        });
        pending.push({ entry, evidence, band });
      }
    }
    runs.push(compared);
  }

  const adjusted = holmAdjust(pending.map((p) => p.evidence.test.pValue));
  pending.forEach(({ entry, evidence, band }, i) => {
    const adjustedP = adjusted[i] as number;
    entry.adjustedPValue = adjustedP;
    const decision = statisticalVerdict({
      interval: evidence.test.interval,
      adjustedP,
      alpha: settings.alpha,
      band,
      better: entry.better,
      noise: settings.noise,
    });
    entry.verdict = decision.verdict;
    entry.reason = evidence.note === undefined ? decision.reason : `${decision.reason} [${evidence.note}]`;
  });

  const counts: Record<Verdict, number> = { improved: 0, regressed: 0, unchanged: 0, inconclusive: 0 };
  for (const run of runs) for (const m of run.metrics) counts[m.verdict]++;
  const summary = deterministic
    ? `deterministic comparison (simulated, seed ${base.seed}): no statistics needed; any difference beyond ${DETERMINISTIC_TOLERANCE} relative is a real change${settings.noise > 0 ? `, and counts when it lies beyond the ±${settings.noise * 100}% noise band (--noise)` : ''}`
    : `statistical comparison (${base.mode} vs ${head.mode}, seeds ${base.seed} and ${head.seed}): regressed or improved when the Holm-adjusted p < ${settings.alpha} over ${pending.length} tests AND the whole ${Math.round((1 - settings.alpha) * 100)}% interval lies beyond the ±${settings.noise * 100}% noise band; unchanged when the interval lies within ±${settings.noise * 200}%; inconclusive otherwise or with fewer than ${settings.minSamples} samples. Tests: Welch t with effective sample sizes under serial correlation (means), moving-block bootstrap with ${settings.resamples} resamples, seed ${settings.bootstrapSeed} (percentiles), two-proportion z (error rate), Poisson rate (throughput); metrics without samples (cost, retries) are shown but not judged`;
  return {
    kind,
    summary,
    base: describeFile(base),
    head: describeFile(head),
    settings,
    runs,
    added: head.runs
      .filter((r) => !baseKeys.has(key(r)))
      .map((r) => ({ strategy: r.strategy, cellId: r.cellId })),
    removed,
    invalid: invalidRuns(base, head),
    warnings: warningsFor(base, head, kind),
    counts,
    tests: pending.length,
  };
}
