import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { readMetric } from '../../harness/stats/metricPath.ts';
import { formatMs, formatPercent, formatRate } from '../format.ts';
import { paramLabel, strategyOrder, sweptKeys } from '../model/cells.ts';
import { markLatency, survivorsFootnote } from '../model/survivorsOnly.ts';
import { type Align, markdownTable } from './markdownTable.ts';

const ROW_METRICS = [
  { header: 'mean (ms)', metric: 'latencyMs.mean', format: formatMs, latency: true },
  { header: 'p50 (ms)', metric: 'latencyMs.p50', format: formatMs, latency: true },
  { header: 'p99 (ms)', metric: 'latencyMs.p99', format: formatMs, latency: true },
  { header: 'req/min', metric: 'throughput.requestsPerMin', format: formatRate, latency: false },
  { header: 'error rate', metric: 'errorRate', format: formatPercent, latency: false },
] as const;

const PIVOT_METRICS = [
  { title: 'p99 latency (ms)', metric: 'latencyMs.p99', format: formatMs, latency: true },
  { title: 'throughput (req/min)', metric: 'throughput.requestsPerMin', format: formatRate, latency: false },
] as const;

function cell(
  run: RunResult,
  m: { metric: string; format: (x: number | undefined) => string; latency: boolean },
): string {
  const text = m.format(readMetric(run.metrics, m.metric));
  return m.latency ? markLatency(run, text) : text;
}

function distinct(runs: readonly RunResult[], key: string): (string | number | boolean | undefined)[] {
  const values: (string | number | boolean | undefined)[] = [];
  for (const run of runs) if (!values.includes(run.params[key])) values.push(run.params[key]);
  return values;
}

/** One swept parameter (or more than two): rows are cells, columns the headline metrics. */
function rowTable(runs: readonly RunResult[], keys: readonly string[]): string {
  const head = [...(keys.length === 1 ? keys : ['cell']), ...ROW_METRICS.map((m) => m.header)];
  const rows = runs.map((run) => [
    keys.length === 1 ? paramLabel(keys[0] as string, run.params[keys[0] as string]) : run.cellId,
    ...ROW_METRICS.map((m) => cell(run, m)),
  ]);
  return markdownTable(head, rows, ['left', ...ROW_METRICS.map((): Align => 'right')]);
}

/** Two swept parameters: rows one parameter, columns the other, one table per pivot metric. */
function pivotTables(runs: readonly RunResult[], rowKey: string, colKey: string): string {
  const rowValues = distinct(runs, rowKey);
  const colValues = distinct(runs, colKey);
  return PIVOT_METRICS.map((m) => {
    const rows = rowValues.map((rv) => [
      paramLabel(rowKey, rv),
      ...colValues.map((cv) => {
        const run = runs.find((r) => r.params[rowKey] === rv && r.params[colKey] === cv);
        return run === undefined ? '' : cell(run, m);
      }),
    ]);
    const head = [`${rowKey} \\ ${colKey}`, ...colValues.map((cv) => paramLabel(colKey, cv))];
    return `${m.title}:\n\n${markdownTable(head, rows, ['left', ...colValues.map((): Align => 'right')])}`;
  }).join('\n\n');
}

/**
 * For each strategy, its figures across the matrix: with one swept parameter a row per value;
 * with two, p99 and throughput as grids (rows the first parameter, columns the second); with
 * more, a row per cell. Empty when the matrix has a single cell.
 */
export function acrossCells(results: ResultsFile): string {
  const cellIds = new Set(results.runs.map((r) => r.cellId));
  if (cellIds.size < 2) return '';
  const keys = sweptKeys(results.runs);
  const sections: string[] = [];
  for (const strategy of strategyOrder(results)) {
    const runs = results.runs.filter((r) => r.strategy === strategy);
    const body =
      keys.length === 2 ? pivotTables(runs, keys[0] as string, keys[1] as string) : rowTable(runs, keys);
    const survivors = survivorsFootnote(runs);
    sections.push(
      `### \`${strategy}\` across cells\n\n${body}\n${survivors === undefined ? '' : `\n${survivors}\n`}`,
    );
  }
  return sections.join('\n');
}
