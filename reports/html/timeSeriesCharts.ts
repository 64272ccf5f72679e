import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { groupByCell, strategyOrder } from '../model/cells.ts';
import { resolvedScenario } from '../model/resolvedScenario.ts';
import type { LineChart, LineSeries } from './LineChart.ts';
import { roundTo } from './LineChart.ts';
import { strategyColour, strategyDash } from './palette.ts';

/**
 * One window of a run's time series as this report reads it. Every field is optional: the
 * renderer draws what a results file has and leaves out what it lacks, so files from before (or
 * after) a field existed still render.
 */
export interface TimeWindow {
  /** Start of the window, ms since the run's first intended start. */
  startMs: number;
  started?: number;
  completed?: number;
  status429?: number;
  status529?: number;
  status5xx?: number;
  streamDrops?: number;
  inFlight?: number;
  p50Ms?: number;
  p99Ms?: number;
  inputTokens?: number;
  outputTokens?: number;
  retries?: number;
  cacheHits?: number;
}

/** A run's time series: fixed-width windows (`windowMs`) in time order. */
export interface TimeSeries {
  windowMs: number;
  windows: TimeWindow[];
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** The run's time series, when its results have one in a shape this report can read; else undefined. */
export function readTimeSeries(run: RunResult): TimeSeries | undefined {
  const raw = (run as { timeSeries?: unknown }).timeSeries;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { windowMs, windows } = raw as { windowMs?: unknown; windows?: unknown };
  if (!isNumber(windowMs) || windowMs <= 0 || !Array.isArray(windows)) return undefined;
  const read = windows
    .filter((w): w is Record<string, unknown> => typeof w === 'object' && w !== null)
    .map((w, i) => normalise(w, i, windowMs));
  return read.length === 0 ? undefined : { windowMs, windows: read };
}

/**
 * One window in this report's names: results.json writes window i as [i·windowMs, (i+1)·windowMs)
 * with `http429`/`http529`/`http5xx` and `latencyP50Ms`/`latencyP99Ms`; the older names read too.
 */
function normalise(w: Record<string, unknown>, index: number, windowMs: number): TimeWindow {
  const n = (...keys: string[]): number | undefined => {
    for (const key of keys) if (isNumber(w[key])) return w[key];
    return undefined;
  };
  const out: TimeWindow = { startMs: n('startMs') ?? index * windowMs };
  const fields: [keyof TimeWindow, string[]][] = [
    ['started', ['started']],
    ['completed', ['completed']],
    ['status429', ['http429', 'status429']],
    ['status529', ['http529', 'status529']],
    ['status5xx', ['http5xx', 'status5xx']],
    ['streamDrops', ['streamDrops']],
    ['inFlight', ['inFlight']],
    ['p50Ms', ['latencyP50Ms', 'p50Ms']],
    ['p99Ms', ['latencyP99Ms', 'p99Ms']],
    ['inputTokens', ['inputTokens']],
    ['outputTokens', ['outputTokens']],
    ['retries', ['retries']],
    ['cacheHits', ['cacheHits']],
  ];
  for (const [field, keys] of fields) {
    const value = n(...keys);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

type Extract = (w: TimeWindow, windowMs: number) => number | undefined;

function sum(...values: (number | undefined)[]): number | undefined {
  const present = values.filter(isNumber);
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}

const perSec = (value: number | undefined, windowMs: number): number | undefined =>
  value === undefined ? undefined : (value * 1000) / windowMs;
const perMin = (value: number | undefined, windowMs: number): number | undefined =>
  value === undefined ? undefined : (value * 60_000) / windowMs;

/** The charts of a cell's time series, in order; each is drawn when some run has its field. */
interface SeriesMetric {
  key: string;
  title: string;
  yLabel: string;
  value: Extract;
  /** A limit line (the mock's configured limit in the same unit), when the scenario has one. */
  limit?: (results: ResultsFile) => number | undefined;
}

function rateLimit(
  results: ResultsFile,
  key: 'requests' | 'inputTokens' | 'outputTokens',
): number | undefined {
  const limits = (resolvedScenario(results).mock as { rateLimits?: Record<string, unknown> } | undefined)
    ?.rateLimits;
  const perSecond = limits?.[key];
  return isNumber(perSecond) && perSecond > 0 ? perSecond : undefined;
}

const SERIES_METRICS: readonly SeriesMetric[] = [
  {
    key: 'throughput',
    title: 'Completed requests per second',
    yLabel: 'completed / s',
    value: (w, ms) => perSec(w.completed, ms),
    limit: (r) => rateLimit(r, 'requests'),
  },
  {
    key: 'started',
    title: 'Started requests per second',
    yLabel: 'started / s',
    value: (w, ms) => perSec(w.started, ms),
  },
  { key: 'status429', title: '429 responses per window', yLabel: '429s', value: (w) => w.status429 },
  {
    key: 'serverErrors',
    title: '529, 5xx and stream drops per window',
    yLabel: 'errors',
    value: (w) => sum(w.status529, w.status5xx, w.streamDrops),
  },
  { key: 'inFlight', title: 'Requests in flight', yLabel: 'in flight', value: (w) => w.inFlight },
  { key: 'p99', title: 'Latency p99 per window (ms)', yLabel: 'p99 (ms)', value: (w) => w.p99Ms },
  { key: 'p50', title: 'Latency p50 per window (ms)', yLabel: 'p50 (ms)', value: (w) => w.p50Ms },
  {
    key: 'inputTokens',
    title: 'Input tokens per minute',
    yLabel: 'input tokens / min',
    value: (w, ms) => perMin(w.inputTokens, ms),
    limit: (r) => {
      const limit = rateLimit(r, 'inputTokens');
      return limit === undefined ? undefined : limit * 60;
    },
  },
  {
    key: 'outputTokens',
    title: 'Output tokens per minute',
    yLabel: 'output tokens / min',
    value: (w, ms) => perMin(w.outputTokens, ms),
    limit: (r) => {
      const limit = rateLimit(r, 'outputTokens');
      return limit === undefined ? undefined : limit * 60;
    },
  },
  { key: 'retries', title: 'Retries per window', yLabel: 'retries', value: (w) => w.retries },
  { key: 'cacheHits', title: 'Cache hits per window', yLabel: 'cache hits', value: (w) => w.cacheHits },
];

/** A cell's time-series charts, strategies overlaid; keyed by cell id. */
export interface CellTimeSeries {
  cellId: string;
  charts: LineChart[];
}

/**
 * For each matrix cell whose runs carry a time series, one chart per metric some run has, each
 * strategy a line, x in seconds from the run's start; throughput and tokens get the mock's
 * configured limit as a grey line. Empty when no run has a time series.
 */
export function timeSeriesCharts(results: ResultsFile, idPrefix = 'ts'): CellTimeSeries[] {
  const order = strategyOrder(results);
  return groupByCell(results.runs).flatMap((cell, cellIndex) => {
    const runs = cell.runs.flatMap((run) => {
      const ts = readTimeSeries(run);
      return ts === undefined ? [] : [{ run, ts }];
    });
    if (runs.length === 0) return [];
    const xMs = [...new Set(runs.flatMap(({ ts }) => ts.windows.map((w) => w.startMs)))].sort(
      (a, b) => a - b,
    );
    const charts = SERIES_METRICS.flatMap((metric) => {
      const series: LineSeries[] = runs.map(({ run, ts }) => {
        const byStart = new Map(ts.windows.map((w) => [w.startMs, metric.value(w, ts.windowMs)]));
        const index = order.indexOf(run.strategy);
        return {
          label: run.strategy,
          colour: strategyColour(index),
          dash: strategyDash(index),
          values: xMs.map((start) => {
            const v = byStart.get(start);
            return v === undefined ? null : roundTo(v, 4);
          }),
        };
      });
      if (series.every((s) => s.values.every((v) => v === null))) return [];
      const limit = metric.limit?.(results);
      if (limit !== undefined) {
        series.push({
          label: 'limit',
          colour: '#777777',
          dash: [3, 3],
          values: xMs.map(() => roundTo(limit, 4)),
        });
      }
      return [
        {
          id: `${idPrefix}-${cellIndex}-${metric.key}`,
          title: metric.title,
          xLabel: 'time since the run started (s)',
          yLabel: metric.yLabel,
          yFormat: 'number' as const,
          x: xMs.map((ms) => ms / 1000),
          series,
        },
      ];
    });
    return charts.length === 0 ? [] : [{ cellId: cell.cellId, charts }];
  });
}
