import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { groupByCell, strategyOrder } from '../model/cells.ts';
import type { LineChart } from './LineChart.ts';
import { roundTo } from './LineChart.ts';
import { strategyColour, strategyDash } from './palette.ts';

/** Points on the shared, log-spaced latency axis of a CDF chart. */
export const CDF_POINTS = 120;

/**
 * The latency CDF of one run as a function of latency (ms): the share of its successful requests
 * that took at most that long. From the raw samples when the file has them; otherwise from the
 * summary percentiles (min, p50, p90, p95, p99, max), linear in log latency between them. Undefined
 * when the run has no successful request.
 */
export function runCdf(run: RunResult): ((ms: number) => number) | undefined {
  const samples = run.samples?.latencyMs;
  if (Array.isArray(samples) && samples.length > 0) {
    const sorted = [...samples].sort((a, b) => a - b);
    return (ms) => upperBound(sorted, ms) / sorted.length;
  }
  const s = run.metrics.latencyMs;
  if (s === undefined || s.count === 0) return undefined;
  const knots: [number, number][] = [
    [s.min, 0],
    [s.p50, 0.5],
    [s.p90, 0.9],
    [s.p95, 0.95],
    [s.p99, 0.99],
    [s.max, 1],
  ];
  return (ms) => {
    if (ms < s.min) return 0;
    if (ms >= s.max) return 1;
    for (let i = 1; i < knots.length; i++) {
      const [x1, y1] = knots[i] as [number, number];
      const [x0, y0] = knots[i - 1] as [number, number];
      if (ms <= x1) {
        if (x1 <= x0) return y1;
        const f =
          (Math.log(Math.max(ms, 1e-3)) - Math.log(Math.max(x0, 1e-3))) /
          (Math.log(x1) - Math.log(Math.max(x0, 1e-3)));
        return y0 + (y1 - y0) * Math.min(1, Math.max(0, f));
      }
    }
    return 1;
  };
}

/** The number of sorted values ≤ x. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NICE = [1, 2, 5, 10];

/** The largest 1, 2 or 5 × 10^k at most x (x > 0). */
export function niceDown(x: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = [...NICE].reverse().find((s) => s * magnitude <= x * (1 + 1e-9)) ?? 1;
  return Number((step * magnitude).toPrecision(6));
}

/** The smallest 1, 2 or 5 × 10^k at least x (x > 0). */
export function niceUp(x: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = NICE.find((s) => s * magnitude >= x * (1 - 1e-9)) ?? 10;
  return Number((step * magnitude).toPrecision(6));
}

/**
 * The CDF axis: from half the fastest request of at least 1 ms to the slowest. Faster requests
 * (cache hits answer in ~0 ms) sit at the axis' left edge instead of stretching a log axis over
 * decades where nothing else happens.
 */
export function latencyRange(runs: readonly RunResult[]): [number, number] | undefined {
  let fastest = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const run of runs) {
    const s = run.metrics.latencyMs;
    if (s === undefined || s.count === 0) continue;
    max = Math.max(max, s.max);
    const samples = run.samples?.latencyMs;
    const candidates = Array.isArray(samples) && samples.length > 0 ? samples : [s.min, s.p50];
    for (const ms of candidates) if (ms >= 1 && ms < fastest) fastest = ms;
  }
  if (!(max > 0)) return undefined;
  const lo = niceDown(Number.isFinite(fastest) ? Math.max(0.1, fastest / 2) : 0.1);
  return [lo, niceUp(Math.max(max, lo * 10))];
}

/**
 * Per matrix cell, one chart: each strategy's latency CDF over a log latency axis. Cells where no
 * run succeeded get no chart.
 */
export function cdfCharts(results: ResultsFile, idPrefix = 'cdf'): LineChart[] {
  const order = strategyOrder(results);
  return groupByCell(results.runs).flatMap((cell, cellIndex) => {
    const range = latencyRange(cell.runs);
    if (range === undefined) return [];
    const [lo, hi] = range;
    const x = Array.from({ length: CDF_POINTS }, (_, i) =>
      roundTo(lo * (hi / lo) ** (i / (CDF_POINTS - 1)), 4),
    );
    const series = cell.runs.flatMap((run) => {
      const cdf = runCdf(run);
      if (cdf === undefined) return [];
      const index = order.indexOf(run.strategy);
      return [
        {
          label: run.strategy,
          colour: strategyColour(index),
          dash: strategyDash(index),
          values: x.map((ms) => roundTo(cdf(ms), 4)),
        },
      ];
    });
    return [
      {
        id: `${idPrefix}-${cellIndex}`,
        title: `Latency CDF, ${cell.cellId}`,
        xLabel: 'latency (ms, log scale)',
        yLabel: 'successful requests ≤ x',
        xLog: true,
        yFormat: 'percent' as const,
        x,
        series,
      },
    ];
  });
}
