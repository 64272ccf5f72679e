import Table from 'cli-table3';
import type { Comparison } from '../../harness/stats/compare/Comparison.ts';
import { type FitColumn, fitTables } from '../terminal/fitTables.ts';
import { columnsOf, DEFAULT_WIDTH_COLUMNS, wrapLine } from '../terminal/wrapLine.ts';
import { comparisonHead, comparisonRow, countsLine, invalidLines, unmatchedLines } from './comparisonRows.ts';

const PLAIN = { head: [], border: [], compact: true };

/**
 * The metrics table: one table of every compared metric when it fits `widthColumns`; else, per run,
 * a `STRATEGY in CELL:` line and a table keyed by metric (baseline, current, Δ and verdict first,
 * then the interval and p-value of a statistical comparison), split further as narrower terminals need.
 */
function metricTables(comparison: Comparison, widthColumns: number): string[] {
  const head = comparisonHead(comparison);
  const verdictOf = (m: { verdict: string }): string => (m.verdict === 'regressed' ? 'REGRESSED' : m.verdict);
  const rows = comparison.runs.flatMap((run) =>
    run.metrics.map((m) => comparisonRow(comparison, run, m, verdictOf)),
  );
  const table = new Table({
    head,
    style: PLAIN,
    colAligns: head.map((_, i) => (i >= 3 && i < head.length - 1 ? 'right' : 'left')),
  });
  for (const row of rows) table.push(row);
  const whole = table.toString();
  if (columnsOf(whole.split('\n')[0] ?? '') <= widthColumns) return [whole];

  // Narrow: [strategy, cell, metric, baseline, current, Δ, (interval, p,) verdict] regrouped by run.
  const statistical = comparison.kind === 'statistical';
  const right = (header: string, group: string): FitColumn => ({ header, align: 'right', group });
  const columns: FitColumn[] = [
    right(head[3] as string, 'values'),
    right(head[4] as string, 'values'),
    right(head[5] as string, 'values'),
    { header: head.at(-1) as string, align: 'left', group: 'values' },
    ...(statistical ? [right(head[6] as string, 'test'), right(head[7] as string, 'test')] : []),
  ];
  const out: string[] = [];
  for (const run of comparison.runs) {
    const runRows = run.metrics.map((m) => {
      const row = comparisonRow(comparison, run, m, verdictOf);
      return [
        row[2] as string,
        row[3],
        row[4],
        row[5],
        row.at(-1),
        ...(statistical ? [row[6], row[7]] : []),
      ].map((cell) => cell ?? '');
    });
    out.push(
      wrapLine(`${run.strategy} in ${run.cellId}:`, widthColumns),
      ...fitTables(
        { keys: [{ header: head[2] as string, align: 'left', group: 'metric' }], columns, rows: runRows },
        widthColumns,
      ),
    );
  }
  return out;
}

/**
 * The terminal view of `bench compare`: which kind of comparison it was, warnings, cli-table3
 * tables of every compared metric that fit `widthColumns` (default 80; see metricTables), the
 * reasons behind each non-"unchanged" verdict, unmatched runs, runs judged invalid, and the counts;
 * every other line wrapped at the width.
 */
export function renderComparisonTable(
  comparison: Comparison,
  widthColumns: number = DEFAULT_WIDTH_COLUMNS,
): string {
  const wrap = (line: string): string => wrapLine(line, widthColumns);
  const notes: string[] = [];
  for (const run of comparison.runs) {
    for (const m of run.metrics) {
      if (m.verdict !== 'unchanged')
        notes.push(wrap(`  ${run.strategy} / ${run.cellId} / ${m.metric}: ${m.verdict}: ${m.reason}`));
    }
  }
  const out = [
    wrap(
      `bench compare: ${comparison.base.scenario} (base ${comparison.base.startedAt}) vs ${comparison.head.scenario} (head ${comparison.head.startedAt})`,
    ),
    wrap(comparison.summary),
  ];
  for (const w of comparison.warnings) out.push(wrap(`warning: ${w}`));
  out.push(...metricTables(comparison, widthColumns));
  if (notes.length > 0) out.push('why:', ...notes);
  out.push(...unmatchedLines(comparison).map(wrap));
  const invalid = invalidLines(comparison);
  if (invalid.length > 0) {
    out.push(
      ...invalid.map(wrap),
      wrap(
        `not a valid comparison: ${invalid.length} run${invalid.length === 1 ? '' : 's'} judged invalid (their metrics are not judged; see docs/realtime.md); exit 3`,
      ),
    );
  }
  out.push(countsLine(comparison));
  return `${out.join('\n')}\n`;
}
