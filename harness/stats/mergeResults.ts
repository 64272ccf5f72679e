import { InputError } from '../../base/errors.ts';
import type { ResultsFile, RunMetrics, RunResult, Summary, TimeSeries } from '../results/ResultsFile.ts';
import type { ResolvedScenario } from '../scenario/types.ts';
import { evaluateThresholds } from '../thresholds/evaluateThresholds.ts';
import { mergeTimeSeries } from '../timeSeries/windows.ts';
import { DEFAULT_VALIDITY, judgeValidity, type ValidityLimits } from '../validity/judgeValidity.ts';
import { decideVerdicts } from '../verdict/decideVerdicts.ts';
import { summarize } from './summarize.ts';

/** One shard: its results and the file it came from (named in errors and invalid-run reasons). */
export interface Shard {
  file: string;
  results: ResultsFile;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function sumRecords(records: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Combines summaries that have no raw samples (dispatch lag): count, mean, stddev (pooled) and
 * min/max are exact; each percentile is the largest of the shards' — an upper bound, never an
 * average of percentiles.
 */
export function combineSummariesUpperBound(parts: readonly Summary[]): Summary {
  const n = sum(parts.map((p) => p.count));
  if (n === 0) return summarize([]);
  const mean = sum(parts.map((p) => p.mean * p.count)) / n;
  const ss = sum(parts.map((p) => (p.count - 1) * p.stddev ** 2 + p.count * (p.mean - mean) ** 2));
  const max = (key: 'p50' | 'p90' | 'p95' | 'p99' | 'max'): number => Math.max(...parts.map((p) => p[key]));
  return {
    count: n,
    mean,
    stddev: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: Math.min(...parts.map((p) => p.min)),
    p50: max('p50'),
    p90: max('p90'),
    p95: max('p95'),
    p99: max('p99'),
    max: max('max'),
  };
}

/**
 * One run measured in several shards. Counters, tokens and cost are summed; latency and TTFT are
 * recomputed exactly from the concatenated raw samples. Rates are summed: shards run at the same
 * time on different machines, each measuring its own window, so together they served the sum of
 * their rates (windowMs is the longest window). ITL has no raw samples in the results, so it is
 * dropped from merged runs.
 */
export function mergeRuns(parts: readonly { file: string; run: RunResult }[]): RunResult {
  const first = parts[0];
  if (first === undefined) throw new RangeError('mergeRuns needs at least one run');
  if (parts.length === 1) return first.run;
  const runs = parts.map((p) => p.run);
  const m = runs.map((r) => r.metrics);
  const total = sum(m.map((x) => x.requests.total));
  const failed = sum(m.map((x) => x.requests.failed));
  const hits = sum(m.map((x) => x.cache.hits));
  // With every shard's time series, samples are merged window by window (so the merged series'
  // percentiles stay exact and it can be merged again); else concatenated.
  const series = runs.every((r) => r.timeSeries !== undefined)
    ? mergeTimeSeries(
        runs.map((r) => ({ series: r.timeSeries as TimeSeries, latencyMs: r.samples.latencyMs })),
      )
    : undefined;
  const latencySamples = series?.latencyMs ?? runs.flatMap((r) => r.samples.latencyMs);
  const ttftSamples = runs.every((r) => r.samples.ttftMs !== undefined)
    ? runs.flatMap((r) => r.samples.ttftMs ?? [])
    : undefined;
  const metrics: RunMetrics = {
    requests: {
      total,
      ok: sum(m.map((x) => x.requests.ok)),
      failed,
      byOutcome: sumRecords(m.map((x) => x.requests.byOutcome)),
    },
    throughput: {
      requestsPerSec: sum(m.map((x) => x.throughput.requestsPerSec)),
      requestsPerMin: sum(m.map((x) => x.throughput.requestsPerMin)),
      outputTokensPerSec: sum(m.map((x) => x.throughput.outputTokensPerSec)),
    },
    errorRate: total === 0 ? 0 : failed / total,
    upstream: {
      calls: sum(m.map((x) => x.upstream.calls)),
      byStatus: sumRecords(m.map((x) => x.upstream.byStatus)),
    },
    retries: sum(m.map((x) => x.retries)),
    cache: { hits, hitRate: total === 0 ? 0 : hits / total },
    tokens: {
      input: sum(m.map((x) => x.tokens.input)),
      output: sum(m.map((x) => x.tokens.output)),
      wastedOutput: sum(m.map((x) => x.tokens.wastedOutput)),
    },
    costUsd: sum(m.map((x) => x.costUsd)),
    windowMs: Math.max(...m.map((x) => x.windowMs)),
  };
  const cacheRead = sum(m.map((x) => x.tokens.cacheRead ?? 0));
  const cacheWrite = sum(m.map((x) => x.tokens.cacheWrite ?? 0));
  const interrupted = sum(m.map((x) => x.requests.interrupted ?? 0));
  if (interrupted > 0) metrics.requests.interrupted = interrupted;
  if (cacheRead > 0) metrics.tokens.cacheRead = cacheRead;
  if (cacheWrite > 0) metrics.tokens.cacheWrite = cacheWrite;
  if (ttftSamples !== undefined) metrics.ttftMs = summarize(ttftSamples);
  const batches = m.flatMap((x) => (x.batch === undefined ? [] : [x.batch]));
  if (batches.length > 0) {
    const count = sum(batches.map((b) => b.batches));
    metrics.batch = {
      batches: count,
      meanSize: count === 0 ? 0 : sum(batches.map((b) => b.meanSize * b.batches)) / count,
      splitFailures: sum(batches.map((b) => b.splitFailures)),
    };
  }
  const goodputs = m.flatMap((x) =>
    x.goodput === undefined ? [] : [{ g: x.goodput, total: x.requests.total }],
  );
  if (goodputs.length === m.length) {
    const requestsPerSec = sum(goodputs.map(({ g }) => g.requestsPerSec));
    metrics.goodput = {
      requests: sum(goodputs.map(({ g, total: t }) => g.requests ?? Math.round(g.ratio * t))),
      ratio: total === 0 ? 0 : sum(goodputs.map(({ g, total: t }) => g.ratio * t)) / total,
      requestsPerSec,
      requestsPerMin: requestsPerSec * 60,
    };
  }
  if (latencySamples.length > 0) metrics.latencyMs = summarize(latencySamples);
  const schedules = m.flatMap((x) => (x.schedule === undefined ? [] : [x.schedule]));
  if (schedules.length === m.length) {
    // Shards run side by side: their rates add up, their lags are bounded by the worst shard's.
    const common = {
      achievedRatePerSec: sum(schedules.map((s) => s.achievedRatePerSec)),
      dispatchLagMs: combineSummariesUpperBound(schedules.map((s) => s.dispatchLagMs)),
      lateStarts: sum(schedules.map((s) => s.lateStarts)),
    };
    const open = schedules.flatMap((s) => (s.loop === 'closed' ? [] : [s]));
    if (open.length === 0) metrics.schedule = { loop: 'closed', ...common };
    else if (open.length === schedules.length) {
      const drawn = open.map((s) => s.drawnRatePerSec);
      metrics.schedule = {
        loop: 'open',
        targetRatePerSec: sum(open.map((s) => s.targetRatePerSec)),
        ...(drawn.every((d) => d !== undefined) ? { drawnRatePerSec: sum(drawn) } : {}),
        ...common,
      };
    }
  }
  const merged: RunResult = {
    strategy: first.run.strategy,
    cellId: first.run.cellId,
    params: first.run.params,
    metrics,
    samples:
      ttftSamples === undefined
        ? { latencyMs: latencySamples }
        : { latencyMs: latencySamples, ttftMs: ttftSamples },
    valid: runs.every((r) => r.valid),
  };
  if (series !== undefined) merged.timeSeries = series.series;
  const reasons = parts.flatMap(({ file, run }) =>
    (run.invalidReasons ?? []).map((reason) => `${file}: ${reason}`),
  );
  if (reasons.length > 0) merged.invalidReasons = reasons;
  return merged;
}

const MAX_SHOWN = 60;

function show(value: unknown): string {
  const text = value === undefined ? 'absent' : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** The first path (`workload.maxTokens`, `strategies[1].policies`) where two JSON values differ. */
export function firstDifference(
  a: unknown,
  b: unknown,
  at = '',
): { path: string; a: unknown; b: unknown } | undefined {
  if (Object.is(a, b)) return undefined;
  const join = (key: string | number): string =>
    typeof key === 'number' ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], join(i));
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[key], b[key], join(key));
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return { path: at === '' ? '(the whole value)' : at, a, b };
}

/** The resolved scenario without where its file was (shards may come from different clones). */
function experiment(results: ResultsFile): unknown {
  const resolved = results.scenario.resolved;
  if (typeof resolved !== 'object' || resolved === null) return resolved;
  const { file: _file, ...rest } = resolved as Record<string, unknown>;
  return rest;
}

function checkOneScenario(shards: readonly Shard[]): void {
  const [first] = shards;
  if (first === undefined || shards.length < 2) {
    throw new InputError(`merge: expected at least two results files, got ${shards.length}`);
  }
  const fields = [
    ['scenario name', (r: ResultsFile) => r.scenario.name],
    ['seed', (r: ResultsFile) => r.seed],
    ['mode', (r: ResultsFile) => r.mode],
    ['claude-bench version', (r: ResultsFile) => r.tool.version],
  ] as const;
  const problems = fields.flatMap(([label, get]) =>
    shards.some((s) => get(s.results) !== get(first.results))
      ? [
          {
            message: `shards are not of one scenario: ${label} differs (${shards.map((s) => `${s.file}: ${JSON.stringify(get(s.results))}`).join(', ')}); merge only shards of the same scenario, seed, mode and claude-bench version`,
          },
        ]
      : [],
  );
  if (problems.length > 0) throw new InputError(problems);
  for (const shard of shards.slice(1)) {
    const d = firstDifference(experiment(first.results), experiment(shard.results));
    if (d !== undefined) {
      throw new InputError([
        {
          message: `shards are not of one scenario: the scenario as run differs at ${d.path} (${first.file}: ${show(d.a)}, ${shard.file}: ${show(d.b)}); merge only shards run from the same scenario file`,
        },
      ]);
    }
  }
  for (const { file, results } of shards) {
    for (const run of results.runs) {
      if (run.samples.latencyMs.length !== (run.metrics.latencyMs?.count ?? 0)) {
        throw new InputError([
          {
            file,
            message: `run ${run.strategy} in ${run.cellId} keeps ${run.samples.latencyMs.length} raw latency samples for ${run.metrics.latencyMs?.count ?? 0} measured requests; merging needs every sample (percentiles cannot be averaged)`,
          },
        ]);
      }
    }
  }
}

/** The `validity:` limits the shards ran under (their resolved scenario's), or the defaults. */
function limitsOf(resolved: Partial<ResolvedScenario> | undefined): ValidityLimits {
  const v = resolved?.validity;
  return typeof v?.startLagP99Ms === 'number' && typeof v.offeredRateTolerance === 'number'
    ? v
    : DEFAULT_VALIDITY;
}

/**
 * The merged run judged again: a run every shard called valid is judged on its merged metrics
 * (docs/realtime.md, with the scenario's limits), so a shard written without a judgement, or under
 * older rules, cannot make an invalid measurement pass. A run some shard judged invalid stays
 * invalid with that shard's reasons (mergeRuns).
 */
export function rejudgeRun(run: RunResult, mode: ResultsFile['mode'], limits: ValidityLimits): RunResult {
  if (!run.valid) return run;
  const reasons = judgeValidity({ mode, metrics: run.metrics }, limits);
  if (reasons.length === 0) return run;
  return { ...run, valid: false, invalidReasons: reasons.map((r) => `merged run: ${r}`) };
}

/**
 * Merges shards of ONE experiment (same scenario name, seed, mode, claude-bench version and resolved
 * scenario apart from its file's path; refused otherwise, naming the difference and the files): runs with the same
 * strategy and cell are merged with mergeRuns, runs in only one shard are kept as they are.
 * Dates span all shards; the environment is the first shard's; validity is judged again on the
 * merged runs (rejudgeRun) and thresholds evaluated again on them.
 */
export function mergeResults(shards: readonly Shard[]): ResultsFile {
  checkOneScenario(shards);
  const first = (shards[0] as Shard).results;
  const groups = new Map<string, { file: string; run: RunResult }[]>();
  for (const { file, results } of shards) {
    for (const run of results.runs) {
      const key = `${run.strategy}\u0000${run.cellId}`;
      groups.set(key, [...(groups.get(key) ?? []), { file, run }]);
    }
  }
  const resolved = first.scenario.resolved as Partial<ResolvedScenario> | undefined;
  const limits = limitsOf(resolved);
  const runs = [...groups.values()].map((parts) => rejudgeRun(mergeRuns(parts), first.mode, limits));
  // A run one interrupted shard never started may have been measured by another.
  const skipped = shards
    .flatMap((s) => s.results.skipped ?? [])
    .filter(
      (r, i, all) =>
        !groups.has(`${r.strategy}\u0000${r.cellId}`) &&
        all.findIndex((o) => o.strategy === r.strategy && o.cellId === r.cellId) === i,
    );
  const specs = Array.isArray(resolved?.thresholds) ? resolved.thresholds : [];
  const dates = (get: (r: ResultsFile) => string) => shards.map((s) => get(s.results)).sort();
  const { skipped: _firstSkipped, verdicts: _firstVerdicts, ...rest } = first;
  const merged: ResultsFile = {
    ...rest,
    startedAt: dates((r) => r.startedAt)[0] as string,
    finishedAt: dates((r) => r.finishedAt).at(-1) as string,
    partial: shards.some((s) => s.results.partial),
    runs,
    ...(skipped.length > 0 ? { skipped } : {}),
    thresholds: evaluateThresholds(specs, runs, skipped),
  };
  merged.verdicts = decideVerdicts(merged);
  return merged;
}
