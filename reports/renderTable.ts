import Table from 'cli-table3';
import type { ResultsFile, ThresholdResult } from '../harness/results/ResultsFile.ts';
import { formatMetric } from './format.ts';
import { baselineStrategy, groupByCell } from './model/cells.ts';
import { generatorFigures, limitsText, validityLimits } from './model/generatorFigures.ts';
import { columnsFor, strategyCells, strategyLabel } from './model/strategyColumns.ts';
import { thresholdCounts, thresholdVerdict } from './model/thresholdVerdict.ts';

const PLAIN = { head: [], border: [], compact: true };

function thresholdTable(thresholds: readonly ThresholdResult[]): string {
  const table = new Table({
    head: ['threshold', 'strategy', 'cell', 'measured', 'bound', 'result'],
    style: PLAIN,
    colAligns: ['left', 'left', 'left', 'right', 'right', 'left'],
  });
  for (const t of thresholds) {
    table.push([
      t.source,
      t.strategy,
      t.cellId,
      formatMetric(t.metric, t.measured),
      formatMetric(t.metric, t.bound),
      thresholdVerdict(t),
    ]);
  }
  return `${table.toString()}\nthresholds: ${thresholdCounts(thresholds)}`;
}

/**
 * The terminal report: one cli-table3 table per matrix cell comparing the strategies (mean, p50,
 * p99 latency, req/min, error rate, retries, cache hit rate, cost), invalid runs flagged with
 * their reasons, then the thresholds with pass/fail. No colours, so it reads the same in CI logs.
 */
export function renderTable(results: ResultsFile): string {
  const baseline = baselineStrategy(results);
  const out: string[] = [
    `${results.scenario.name}: ${results.mode}, seed ${results.seed}, ${results.runs.length} runs${results.partial ? ' (PARTIAL: interrupted)' : ''}`,
  ];
  for (const cell of groupByCell(results.runs)) {
    const columns = columnsFor(cell.runs);
    const table = new Table({
      head: ['strategy', ...columns.map((c) => c.header)],
      style: PLAIN,
      colAligns: ['left', ...columns.map(() => 'right' as const)],
    });
    for (const run of cell.runs) {
      table.push([strategyLabel(run, baseline), ...strategyCells(run, undefined, columns)]);
    }
    out.push('', `cell ${cell.cellId}`, table.toString());
    const generator = cell.runs.flatMap((run) => {
      const figures = generatorFigures(results, run);
      return figures === undefined ? [] : [`  ${run.strategy}: ${figures}`];
    });
    if (generator.length > 0) {
      out.push(`load generator (valid: ${limitsText(validityLimits(results))}):`, ...generator);
    }
    for (const run of cell.runs.filter((r) => !r.valid)) {
      out.push(`  ${run.strategy} is not a valid measurement: ${(run.invalidReasons ?? []).join('; ')}`);
    }
  }
  if (results.thresholds.length > 0) out.push('', thresholdTable(results.thresholds));
  return `${out.join('\n')}\n`;
}
