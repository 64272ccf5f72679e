import { parseDurationMs, parseRatePerSec } from '../../base/units/units.ts';
import { METRIC_ALIASES, METRIC_PATHS, type MetricUnit, metricUnit } from '../stats/metricPath.ts';
import { suggestion } from './didYouMean.ts';

/**
 * Metric names as scenario files write them (thresholds, references) and values with units,
 * resolved to RunMetrics paths (harness/stats/metricPath.ts) and to the path's unit.
 */

/** Percentiles every Summary reports. */
const REPORTED_PERCENTILES = [50, 90, 95, 99];

/** Short names for scenario files, on top of the CLI's METRIC_ALIASES. */
const SCENARIO_ALIASES: Readonly<Record<string, string>> = {
  mean: 'latencyMs.mean',
  'p99.9': 'latencyMs.p999',
  'latency.p99.9': 'latencyMs.p999',
  'ttft.p99.9': 'ttftMs.p999',
  avg: 'latencyMs.mean',
  latency: 'latencyMs.mean',
  min: 'latencyMs.min',
  max: 'latencyMs.max',
  stddev: 'latencyMs.stddev',
  ttft: 'ttftMs.mean',
  itl: 'itlMs.mean',
  errorRate: 'errorRate',
  throughput: 'throughput.requestsPerMin',
  costUsd: 'costUsd',
  cost: 'costUsd',
  retries: 'retries',
  cacheHitRate: 'cache.hitRate',
  goodput: 'goodput.ratio',
};

/** `latency.p99` → `latencyMs.p99`. */
const SUMMARY_PREFIXES: Readonly<Record<string, string>> = {
  latency: 'latencyMs',
  ttft: 'ttftMs',
  itl: 'itlMs',
};
const SUMMARY_KEY_ALIASES: Readonly<Record<string, string>> = { avg: 'mean', median: 'p50' };

const OPEN_ENDED = /^(requests\.byOutcome\.[\w-]+|upstream\.byStatus\.\d+)$/;

export type MetricResolution = { ok: true; path: string; unit: MetricUnit } | { ok: false; message: string };

/**
 * The RunMetrics path a metric name stands for: an alias (`p99`, `mean`, `avg`, `latency`,
 * `ttft.p99`, `errorRate`, `throughput`, `costUsd`, `retries`, `cacheHitRate`, `goodput`) or a full
 * path (`latencyMs.p99`, `requests.byOutcome.rate-limited`).
 */
export function resolveMetric(name: string): MetricResolution {
  const trimmed = name.trim();
  const dot = trimmed.lastIndexOf('.');
  const last = trimmed.slice(dot + 1);
  // `p999` is the path key of p99.9, not a percentile of 999.
  const percentile = last === 'p999' ? null : /^p(\d+(?:\.\d+)?)$/.exec(last);
  if (percentile !== null) {
    const problem = percentileProblem(Number(percentile[1]), last);
    if (problem !== undefined) return { ok: false, message: problem };
  }
  let path = SCENARIO_ALIASES[trimmed] ?? METRIC_ALIASES[trimmed];
  if (path === undefined && dot > 0) {
    const prefix = SUMMARY_PREFIXES[trimmed.slice(0, dot)] ?? trimmed.slice(0, dot);
    path = `${prefix}.${SUMMARY_KEY_ALIASES[last] ?? (last === 'p100' ? 'max' : last)}`;
  }
  if (path === undefined && last === 'p100') path = 'latencyMs.max';
  if (path === undefined && percentile !== null) path = `latencyMs.${last}`;
  path ??= trimmed;
  if (METRIC_PATHS.includes(path) || OPEN_ENDED.test(path)) return { ok: true, path, unit: metricUnit(path) };
  const names = [...Object.keys(SCENARIO_ALIASES), ...Object.keys(METRIC_ALIASES), ...METRIC_PATHS];
  return {
    ok: false,
    message:
      `unknown metric "${trimmed}"${suggestion(trimmed, names)}; accepted: p50, p90, p95, p99, mean, max, ` +
      'ttft.p99, errorRate, throughput, costUsd, retries, cacheHitRate, goodput, or a results path such as latencyMs.p99',
  };
}

function percentileProblem(percent: number, written: string): string | undefined {
  if (percent > 100) {
    return `percentile ${written} is out of range: percentiles go from p0 to p100; reported: p50, p90, p95, p99, p99.9 (from 1000 successes) and max`;
  }
  if (percent === 100 || REPORTED_PERCENTILES.includes(percent)) return undefined;
  return `percentile ${written} is not reported; reported: p50, p90, p95, p99, p99.9 (from 1000 successes) and max (p100)`;
}

const UNIT_HINT: Readonly<Record<MetricUnit, string>> = {
  ms: 'a duration such as 2s or 500ms (or a number of milliseconds)',
  ratio: 'a percentage such as 1% (or a ratio from 0 to 1)',
  perMin: 'a rate such as 50/min or 2/s (or a number per minute)',
  perSec: 'a rate such as 2/s or 120/min (or a number per second)',
  usd: 'an amount in USD such as $0.50 or 0.50',
  count: 'a number',
};

export type ValueParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * A value in the unit of a metric: `2s`/`500ms` (ms), `1%` (ratio), `50/min`/`2/s` (per minute or
 * per second, converted), `$0.50` (USD), or a plain number already in the unit.
 */
export function parseMetricValue(written: string | number, unit: MetricUnit, metric: string): ValueParse {
  const text = String(written).trim();
  const plain = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
  let value: number | undefined;
  switch (unit) {
    case 'ms':
      value = plain ?? parseDurationMs(text);
      break;
    case 'ratio': {
      const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
      value = percent !== null ? Number(percent[1]) / 100 : plain;
      if (value !== undefined && value > 1) {
        const hint = percent === null ? `; write ${text}% for a percentage` : '';
        return { ok: false, message: `${metric} is a ratio from 0 to 1 (0% to 100%), got ${text}${hint}` };
      }
      break;
    }
    case 'perMin': {
      const perSec = parseRatePerSec(text);
      value = plain ?? (perSec === undefined ? undefined : perSec * 60);
      break;
    }
    case 'perSec':
      value = plain ?? parseRatePerSec(text);
      break;
    case 'usd': {
      const usd = /^\$\s*(\d+(?:\.\d+)?)$/.exec(text);
      value = usd !== null ? Number(usd[1]) : plain;
      break;
    }
    case 'count':
      value = plain;
      break;
  }
  if (value === undefined || !Number.isFinite(value)) {
    return { ok: false, message: `${metric} takes ${UNIT_HINT[unit]}, got "${text}"` };
  }
  return { ok: true, value };
}
