import type { RunResult } from '../../harness/results/ResultsFile.ts';
import { readMetric } from '../../harness/stats/metricPath.ts';
import { formatCount, formatMs, formatPercent, formatRate, formatRatio, formatUsd } from '../format.ts';

/** One column of a strategy comparison table. */
export interface StrategyColumn {
  header: string;
  metric: string;
  format: (value: number | undefined) => string;
  /** Show the ratio to the baseline strategy next to the value (markdown report). */
  ratio: boolean;
}

/** The columns every strategy comparison shows, in order (metrics.md names). */
export const STRATEGY_COLUMNS: readonly StrategyColumn[] = [
  { header: 'mean (ms)', metric: 'latencyMs.mean', format: formatMs, ratio: true },
  { header: 'p50 (ms)', metric: 'latencyMs.p50', format: formatMs, ratio: true },
  { header: 'p99 (ms)', metric: 'latencyMs.p99', format: formatMs, ratio: true },
  { header: 'req/min', metric: 'throughput.requestsPerMin', format: formatRate, ratio: true },
  { header: 'error rate', metric: 'errorRate', format: formatPercent, ratio: false },
  { header: 'retries', metric: 'retries', format: formatCount, ratio: false },
  { header: 'cache hits', metric: 'cache.hitRate', format: formatPercent, ratio: false },
  { header: 'cost (USD)', metric: 'costUsd', format: formatUsd, ratio: true },
];

/** Time to first token, shown when a cell has streamed runs. */
const TTFT_COLUMNS: readonly StrategyColumn[] = [
  { header: 'TTFT p50 (ms)', metric: 'ttftMs.p50', format: formatMs, ratio: true },
  { header: 'TTFT p99 (ms)', metric: 'ttftMs.p99', format: formatMs, ratio: true },
];

/** The columns of a cell's comparison: {@link STRATEGY_COLUMNS}, with TTFT after p99 when any run streamed. */
export function columnsFor(runs: readonly RunResult[]): readonly StrategyColumn[] {
  if (!runs.some((run) => run.metrics.ttftMs !== undefined)) return STRATEGY_COLUMNS;
  return [...STRATEGY_COLUMNS.slice(0, 3), ...TTFT_COLUMNS, ...STRATEGY_COLUMNS.slice(3)];
}

/** The formatted cells of `run`; with a `baseline` run, ratio columns get `value (0.68×)`. */
export function strategyCells(
  run: RunResult,
  baseline?: RunResult,
  columns: readonly StrategyColumn[] = STRATEGY_COLUMNS,
): string[] {
  return columns.map((column) => {
    const value = readMetric(run.metrics, column.metric);
    const text = column.format(value);
    if (!column.ratio || baseline === undefined || baseline === run || value === undefined) return text;
    const base = readMetric(baseline.metrics, column.metric);
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
