import type { Random } from '../../../base/random/Random.ts';
import type { RunResult } from '../../results/ResultsFile.ts';
import {
  blockLength,
  effectiveSampleSize,
  INDEPENDENCE_THRESHOLD,
  lag1Autocorrelation,
} from '../autocorrelation.ts';
import { bootstrapDifference } from '../bootstrapDifference.ts';
import type { DifferenceTest } from '../Interval.ts';
import { poissonRateTest } from '../poissonRateTest.ts';
import { percentileSorted } from '../summarize.ts';
import { twoProportionZTest } from '../twoProportionZTest.ts';
import { welchTTest } from '../welchTTest.ts';
import type { ComparisonMethod } from './Comparison.ts';

/** What the statistics can say about one metric of a run pair, before the verdict. */
export type MetricEvidence =
  | {
      kind: 'tested';
      method: Exclude<ComparisonMethod, 'deterministic' | 'none'>;
      test: DifferenceTest;
      /** What the test had to account for, e.g. serial correlation. */
      note?: string;
    }
  | { kind: 'untested'; reason: string }
  | { kind: 'too-few'; reason: string };

const SUMMARY_PATH = /^(latencyMs|ttftMs)\.(mean|p50|p90|p95|p99)$/;

/** A percentile needs this many samples above it on each side to be compared (p99: 500 samples). */
export const MIN_TAIL_SAMPLES = 5;

/** Rates tested as Poisson counts over the window: the count of events behind each. */
const RATE_EVENTS: Readonly<Record<string, (run: RunResult) => number | undefined>> = {
  'throughput.requestsPerMin': (run) => run.metrics.requests.ok,
  'throughput.requestsPerSec': (run) => run.metrics.requests.ok,
  'goodput.requestsPerMin': (run) => run.metrics.goodput?.requests,
  'goodput.requestsPerSec': (run) => run.metrics.goodput?.requests,
};

/** Metrics judged as proportions (their noise band has an absolute floor). */
export function isProportion(path: string): boolean {
  return path === 'errorRate' || path === 'cache.hitRate';
}

function samplesOf(run: RunResult, prefix: 'latencyMs' | 'ttftMs'): number[] | undefined {
  return prefix === 'latencyMs' ? run.samples.latencyMs : run.samples.ttftMs;
}

/**
 * Picks and runs the test for `path` on a base/head run pair: Welch's t for means (with the
 * effective sample size under serial correlation), a seeded moving-block bootstrap for
 * percentiles, a two-proportion z-test for error and hit rates, a Poisson rate test for
 * throughput; anything else has no samples to test. Counts of failures and completions are
 * assumed independent: bursts (a rate limiter rejecting a stretch of requests) make those two
 * tests optimistic.
 */
export function testMetric(
  path: string,
  base: RunResult,
  head: RunResult,
  options: { alpha: number; minSamples: number; resamples: number; random: Random },
): MetricEvidence {
  const confidence = 1 - options.alpha;
  const summary = SUMMARY_PATH.exec(path);
  if (summary !== null) {
    const prefix = summary[1] as 'latencyMs' | 'ttftMs';
    const stat = summary[2] as string;
    const a = samplesOf(base, prefix);
    const b = samplesOf(head, prefix);
    if (a === undefined || b === undefined) return { kind: 'untested', reason: `no raw ${prefix} samples` };
    if (a.length < options.minSamples || b.length < options.minSamples) {
      return {
        kind: 'too-few',
        reason: `too few samples (${a.length} base, ${b.length} head; need ≥ ${options.minSamples} a side)`,
      };
    }
    const rho = { base: lag1Autocorrelation(a), head: lag1Autocorrelation(b) };
    const dependent = rho.base > INDEPENDENCE_THRESHOLD || rho.head > INDEPENDENCE_THRESHOLD;
    if (stat === 'mean') {
      const effective = {
        base: effectiveSampleSize(a.length, rho.base),
        head: effectiveSampleSize(b.length, rho.head),
      };
      const test = welchTTest(a, b, confidence, effective);
      const note = dependent
        ? `serial correlation ${rho.base.toFixed(2)} / ${rho.head.toFixed(2)}: effective n ${Math.round(effective.base)} / ${Math.round(effective.head)}`
        : undefined;
      return note === undefined
        ? { kind: 'tested', method: 'welch-t', test }
        : { kind: 'tested', method: 'welch-t', test, note };
    }
    const p = Number(stat.slice(1));
    const needed = Math.ceil(MIN_TAIL_SAMPLES / (1 - p / 100));
    if (a.length < needed || b.length < needed) {
      return {
        kind: 'too-few',
        reason: `too few samples for ${stat} (${a.length} base, ${b.length} head; need ≥ ${needed} a side, ${MIN_TAIL_SAMPLES} above the percentile)`,
      };
    }
    const blocks = { base: blockLength(a.length, rho.base), head: blockLength(b.length, rho.head) };
    const test = bootstrapDifference(a, b, (sorted) => percentileSorted(sorted, p), {
      random: options.random,
      resamples: options.resamples,
      confidence,
      blockLength: blocks,
    });
    if (blocks.base === 1 && blocks.head === 1) return { kind: 'tested', method: 'bootstrap', test };
    const note = `serial correlation ${rho.base.toFixed(2)} / ${rho.head.toFixed(2)}: resampled in blocks of ${blocks.base} / ${blocks.head}`;
    return { kind: 'tested', method: 'bootstrap', test, note };
  }
  const proportion = (pick: (r: RunResult) => number): MetricEvidence => {
    const n1 = base.metrics.requests.total;
    const n2 = head.metrics.requests.total;
    if (n1 < options.minSamples || n2 < options.minSamples) {
      return {
        kind: 'too-few',
        reason: `too few requests (${n1} base, ${n2} head; need ≥ ${options.minSamples})`,
      };
    }
    const test = twoProportionZTest(
      { successes: pick(base), trials: n1 },
      { successes: pick(head), trials: n2 },
      confidence,
    );
    return { kind: 'tested', method: 'two-proportion-z', test };
  };
  if (path === 'errorRate') return proportion((r) => r.metrics.requests.failed);
  if (path === 'cache.hitRate') return proportion((r) => r.metrics.cache.hits);
  const events = RATE_EVENTS[path];
  if (events !== undefined) {
    const unitMs = path.endsWith('PerMin') ? 60_000 : 1000;
    const k1 = events(base);
    const k2 = events(head);
    if (k1 === undefined || k2 === undefined)
      return { kind: 'untested', reason: 'no count of good requests' };
    if (
      k1 < options.minSamples ||
      k2 < options.minSamples ||
      base.metrics.windowMs <= 0 ||
      head.metrics.windowMs <= 0
    ) {
      return {
        kind: 'too-few',
        reason: `too few ${path.startsWith('goodput') ? 'good' : 'successful'} requests (${k1} base, ${k2} head; need ≥ ${options.minSamples})`,
      };
    }
    const test = poissonRateTest(
      { events: k1, exposure: base.metrics.windowMs / unitMs },
      { events: k2, exposure: head.metrics.windowMs / unitMs },
      confidence,
    );
    return { kind: 'tested', method: 'poisson-rate', test };
  }
  return { kind: 'untested', reason: 'no samples to test' };
}
