import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { baselineStrategy, groupByCell } from '../model/cells.ts';
import { generatorFigures, limitsText, validityLimits } from '../model/generatorFigures.ts';
import { overheadTable, withDirectTwins } from '../model/overheadRows.ts';
import { columnsFor, strategyCells, strategyLabel, throughGateway } from '../model/strategyColumns.ts';
import { survivorsFootnote } from '../model/survivorsOnly.ts';
import { markdownTable } from './markdownTable.ts';

function failureLine(runs: readonly RunResult[]): string | undefined {
  const parts = runs
    .filter((r) => r.metrics.requests.failed > 0)
    .map((r) => {
      const kinds = Object.entries(r.metrics.requests.byOutcome)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${n} ${kind}`);
      return `${r.strategy} ${r.metrics.requests.failed} of ${r.metrics.requests.total} (${kinds.join(', ')})`;
    });
  return parts.length === 0 ? undefined : `Failed requests: ${parts.join('; ')}.`;
}

/**
 * Per matrix cell, the strategies side by side, each figure with its ratio to the baseline
 * strategy in the same cell; then the failure breakdown and any invalid runs with their reasons.
 */
export function cellSections(results: ResultsFile): string {
  const baselineName = baselineStrategy(results);
  const sections: string[] = [];
  for (const cell of groupByCell(results.runs)) {
    const baseline = cell.runs.find((r) => r.strategy === baselineName);
    const columns = columnsFor(cell.runs, { gateway: throughGateway(results) });
    const rows = cell.runs.map((run) => [
      strategyLabel(run, baselineName),
      ...strategyCells(run, baseline, columns),
    ]);
    const lines = [
      `### Cell \`${cell.cellId}\``,
      '',
      markdownTable(['strategy', ...columns.map((c) => c.header)], rows, [
        'left',
        ...columns.map(() => 'right' as const),
      ]),
      '',
    ];
    if (baseline !== undefined && cell.runs.length > 1) {
      lines.push(`(×) is the ratio to the baseline \`${baselineName}\` in this cell.`, '');
    }
    const survivors = survivorsFootnote(cell.runs);
    if (survivors !== undefined) lines.push(survivors, '');
    const overhead = overheadTable(cell.runs);
    if (overhead !== undefined) {
      lines.push(
        `${overhead.title[0]?.toUpperCase()}${overhead.title.slice(1)}; direct is the same workload sent straight to a fresh mock (docs/gateways.md):`,
        '',
        markdownTable(overhead.head, overhead.rows, [
          'left',
          ...overhead.head.slice(1).map(() => 'right' as const),
        ]),
        '',
        ...overhead.notes.map((n) => `- ${n}`),
        ...(overhead.notes.length > 0 ? [''] : []),
      );
    }
    const failures = failureLine(cell.runs);
    if (failures !== undefined) lines.push(failures, '');
    const generator = withDirectTwins(cell.runs).flatMap((run) => {
      const figures = generatorFigures(results, run);
      return figures === undefined ? [] : [`- \`${run.strategy}\`: ${figures}`];
    });
    if (generator.length > 0) {
      lines.push(
        `Load generator (valid: ${limitsText(validityLimits(results))}; see docs/realtime.md):`,
        '',
        ...generator,
        '',
      );
    }
    for (const run of withDirectTwins(cell.runs).filter((r) => !r.valid)) {
      lines.push(
        `> **Invalid measurement:** \`${run.strategy}\`: ${(run.invalidReasons ?? ['no reason given']).join('; ')}. Its figures are shown but do not measure the target.`,
        '',
      );
    }
    sections.push(lines.join('\n'));
  }
  return sections.join('\n');
}
