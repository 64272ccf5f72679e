import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { readMetric } from '../../harness/stats/metricPath.ts';
import { formatCount, formatMs, formatPercent, formatRate, formatRatio, formatUsd } from '../format.ts';
import { SURVIVORS_MARK, survivorsOnly } from './survivorsOnly.ts';

/** One column of a strategy comparison table. */
export interface StrategyColumn {
  header: string;
  metric: string;
  format: (value: number | undefined) => string;
  /** Show the ratio to the baseline strategy next to the value (markdown report). */
  ratio: boolean;
  /** A latency over successful requests: marked when the run's error rate is high (`survivorsOnly`). */
  latency?: true;
  /**
   * Columns of one group stay side by side when a narrow terminal splits the table
   * (reports/terminal/fitTables.ts): `latency`, `ttft`, `rate` (req/min, goodput), `outcome`.
   */
  group: 'latency' | 'ttft' | 'rate' | 'outcome';
}

/** The columns every strategy comparison shows, in order (metrics.md names). */
export const STRATEGY_COLUMNS: readonly StrategyColumn[] = [
  {
    header: 'mean (ms)',
    metric: 'latencyMs.mean',
    format: formatMs,
    ratio: true,
    latency: true,
    group: 'latency',
  },
  {
    header: 'p50 (ms)',
    metric: 'latencyMs.p50',
    format: formatMs,
    ratio: true,
    latency: true,
    group: 'latency',
  },
  {
    header: 'p99 (ms)',
    metric: 'latencyMs.p99',
    format: formatMs,
    ratio: true,
    latency: true,
    group: 'latency',
  },
  { header: 'req/min', metric: 'throughput.requestsPerMin', format: formatRate, ratio: true, group: 'rate' },
  { header: 'error rate', metric: 'errorRate', format: formatPercent, ratio: false, group: 'outcome' },
  { header: 'retries', metric: 'retries', format: formatCount, ratio: false, group: 'outcome' },
  { header: 'cache hits', metric: 'cache.hitRate', format: formatPercent, ratio: false, group: 'outcome' },
  { header: 'cost (USD)', metric: 'costUsd', format: formatUsd, ratio: true, group: 'outcome' },
];

/** p99.9, shown when a run of the cell has the 1000 successes it needs. */
const P999_COLUMN: StrategyColumn = {
  header: 'p99.9 (ms)',
  metric: 'latencyMs.p999',
  format: formatMs,
  ratio: true,
  latency: true,
  group: 'latency',
};

/** Time to first token, shown when a cell has streamed runs. */
const TTFT_COLUMNS: readonly StrategyColumn[] = [
  {
    header: 'TTFT p50 (ms)',
    metric: 'ttftMs.p50',
    format: formatMs,
    ratio: true,
    latency: true,
    group: 'ttft',
  },
  {
    header: 'TTFT p99 (ms)',
    metric: 'ttftMs.p99',
    format: formatMs,
    ratio: true,
    latency: true,
    group: 'ttft',
  },
];

/** Successful requests within the scenario's SLO per minute, shown when the scenario sets one. */
const GOODPUT_COLUMN: StrategyColumn = {
  header: 'goodput/min',
  metric: 'goodput.requestsPerMin',
  format: formatRate,
  ratio: true,
  group: 'rate',
};

/** What reached the API behind a gateway, next to the client's requests (`requests` column). */
const UPSTREAM_COLUMNS: readonly StrategyColumn[] = [
  { header: 'requests', metric: 'requests.total', format: formatCount, ratio: false, group: 'outcome' },
  { header: 'upstream calls', metric: 'upstream.calls', format: formatCount, ratio: false, group: 'outcome' },
];

/** Whether the scenario ran its strategies through a gateway (`gateway:`). */
export function throughGateway(results: ResultsFile): boolean {
  const resolved = results.scenario.resolved as { gateway?: unknown } | undefined;
  return resolved?.gateway !== undefined;
}

/**
 * The columns of a cell's comparison: {@link STRATEGY_COLUMNS}, with p99.9 after p99 when a run
 * has 1000 successes, TTFT after them when any run streamed, goodput after req/min when any run
 * measured it (the scenario sets `slo:`), and the client's requests beside the upstream calls
 * before cost when a gateway stood between them (its cache or batching saves calls, its retries
 * add them).
 */
export function columnsFor(
  runs: readonly RunResult[],
  options: { gateway?: boolean } = {},
): readonly StrategyColumn[] {
  const ttft = runs.some((run) => run.metrics.ttftMs !== undefined) ? TTFT_COLUMNS : [];
  const goodput = runs.some((run) => goodputPerMin(run) !== undefined) ? [GOODPUT_COLUMN] : [];
  const p999 = runs.some((run) => run.metrics.latencyMs?.p999 !== undefined) ? [P999_COLUMN] : [];
  const columns = [
    ...STRATEGY_COLUMNS.slice(0, 3),
    ...p999,
    ...ttft,
    STRATEGY_COLUMNS[3] as StrategyColumn,
    ...goodput,
    ...STRATEGY_COLUMNS.slice(4),
  ];
  if (options.gateway === true) columns.splice(columns.length - 1, 0, ...UPSTREAM_COLUMNS);
  return columns;
}

/** Goodput per minute; from the per-second figure in results written before `requestsPerMin` existed. */
function goodputPerMin(run: RunResult): number | undefined {
  const g = run.metrics.goodput;
  return g === undefined ? undefined : (g.requestsPerMin ?? g.requestsPerSec * 60);
}

function cellValue(run: RunResult, column: StrategyColumn): number | undefined {
  return column === GOODPUT_COLUMN ? goodputPerMin(run) : readMetric(run.metrics, column.metric);
}

/**
 * The formatted cells of `run`; with a `baseline` run, ratio columns get `value (0.68×)`. Latency
 * cells of a run with a high error rate get {@link SURVIVORS_MARK} (`survivorsOnly`).
 */
export function strategyCells(
  run: RunResult,
  baseline?: RunResult,
  columns: readonly StrategyColumn[] = STRATEGY_COLUMNS,
): string[] {
  const mark = survivorsOnly(run) ? ` ${SURVIVORS_MARK}` : '';
  return columns.map((column) => {
    const value = cellValue(run, column);
    const text = column.format(value) + (column.latency === true && value !== undefined ? mark : '');
    if (!column.ratio || baseline === undefined || baseline === run || value === undefined) return text;
    const base = cellValue(baseline, column);
    if (base === undefined || base === 0) return text;
    return `${text} (${formatRatio(value / base)})`;
  });
}

/** The strategy's label in a row: `direct (baseline)`, `retry [invalid]`. */
export function strategyLabel(run: RunResult, baseline: string | undefined): string {
  let label = run.strategy;
  if (run.strategy === baseline) label += ' (baseline)';
  if (!run.valid) label += ' [invalid]';
  return label;
}
