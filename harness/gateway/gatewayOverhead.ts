import { Random } from '../../base/random/Random.ts';
import type {
  GatewayBaseline,
  OverheadEstimate,
  OverheadPercentile,
  RunResult,
} from '../results/ResultsFile.ts';
import { testMetric } from '../stats/compare/testMetric.ts';

/** The percentiles the overhead is reported at, in order. */
export const OVERHEAD_PERCENTILES: readonly OverheadPercentile[] = ['p50', 'p90', 'p99'];

export interface OverheadOptions {
  /** The scenario's seed: the bootstrap draws from its `overhead` stream, so the same runs give the same intervals. */
  seed: number;
  /** Bootstrap resamples. Default 4000 (as `bench compare`). */
  resamples?: number;
  /** 1 − confidence of the intervals. Default 0.05 (95% intervals). */
  alpha?: number;
  /** Fewest successful requests a side for an estimate. Default 10 (as `bench compare`). */
  minSamples?: number;
}

/**
 * The latency a gateway added: for p50, p90 and p99, the gateway run's percentile minus its direct
 * twin's (ms), with the interval and p-value of the moving-block bootstrap `bench compare` uses for
 * percentiles (blocks when the samples are serially correlated). An estimate is left out, with the
 * reason, when either run is not a valid measurement or has too few successful requests.
 */
export function gatewayOverhead(
  gateway: RunResult,
  direct: RunResult,
  options: OverheadOptions,
): GatewayBaseline {
  const alpha = options.alpha ?? 0.05;
  const settings = {
    alpha,
    minSamples: options.minSamples ?? 10,
    resamples: options.resamples ?? 4000,
  };
  // The runs' own reasons are in their invalidReasons (the twin's in baseline.direct), shown beside them.
  const invalidRuns = [...(gateway.valid ? [] : ['gateway']), ...(direct.valid ? [] : ['direct'])];
  const invalid =
    invalidRuns.length === 0
      ? undefined
      : invalidRuns.length === 2
        ? 'neither the gateway run nor the direct run is a valid measurement'
        : `the ${invalidRuns[0]} run is not a valid measurement`;
  const overheadMs = {} as Record<OverheadPercentile, OverheadEstimate>;
  for (const p of OVERHEAD_PERCENTILES) {
    if (invalid !== undefined) {
      overheadMs[p] = { kind: 'not-measured', reason: invalid };
      continue;
    }
    const random = new Random(options.seed, 'overhead').fork(`${gateway.strategy}@${gateway.cellId}/${p}`);
    const evidence = testMetric(`latencyMs.${p}`, direct, gateway, { ...settings, random });
    if (evidence.kind !== 'tested') {
      overheadMs[p] = { kind: 'not-measured', reason: evidence.reason };
      continue;
    }
    const { difference, interval, pValue } = evidence.test;
    const estimate: OverheadEstimate = {
      kind: 'measured',
      differenceMs: round(difference),
      lowMs: round(interval.low),
      highMs: round(interval.high),
      pValue,
    };
    if (evidence.note !== undefined) estimate.note = evidence.note;
    overheadMs[p] = estimate;
  }
  const { samples, metrics, valid, invalidReasons } = direct;
  return {
    kind: 'direct',
    confidence: 1 - alpha,
    direct: { metrics, samples, valid, ...(invalidReasons !== undefined ? { invalidReasons } : {}) },
    overheadMs,
  };
}

/** The measured point estimates, for `metrics.overheadMs` (thresholds and compare read them there). */
export function overheadMetrics(baseline: GatewayBaseline): Partial<Record<OverheadPercentile, number>> {
  const out: Partial<Record<OverheadPercentile, number>> = {};
  for (const p of OVERHEAD_PERCENTILES) {
    const estimate = baseline.overheadMs[p];
    if (estimate.kind === 'measured') out[p] = estimate.differenceMs;
  }
  return out;
}

/** Samples are kept to the microsecond; so are differences of their percentiles. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
