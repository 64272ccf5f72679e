import Table from 'cli-table3';
import type { Comparison } from '../../harness/stats/compare/Comparison.ts';
import { comparisonHead, comparisonRow, countsLine, invalidLines, unmatchedLines } from './comparisonRows.ts';

/**
 * The terminal view of `bench compare`: which kind of comparison it was, warnings, a cli-table3
 * table of every compared metric, the reasons behind each non-"unchanged" verdict, unmatched runs,
 * runs judged invalid, and the counts.
 */
export function renderComparisonTable(comparison: Comparison): string {
  const head = comparisonHead(comparison);
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (i >= 3 && i < head.length - 1 ? 'right' : 'left')),
  });
  const notes: string[] = [];
  for (const run of comparison.runs) {
    for (const m of run.metrics) {
      table.push(
        comparisonRow(comparison, run, m, (x) => (x.verdict === 'regressed' ? 'REGRESSED' : x.verdict)),
      );
      if (m.verdict !== 'unchanged')
        notes.push(`  ${run.strategy} / ${run.cellId} / ${m.metric}: ${m.verdict}: ${m.reason}`);
    }
  }
  const out = [
    `bench compare: ${comparison.base.scenario} (base ${comparison.base.startedAt}) vs ${comparison.head.scenario} (head ${comparison.head.startedAt})`,
    comparison.summary,
  ];
  for (const w of comparison.warnings) out.push(`warning: ${w}`);
  out.push(table.toString());
  if (notes.length > 0) out.push('why:', ...notes);
  out.push(...unmatchedLines(comparison));
  const invalid = invalidLines(comparison);
  if (invalid.length > 0) {
    out.push(
      ...invalid,
      `not a valid comparison: ${invalid.length} run${invalid.length === 1 ? '' : 's'} judged invalid (their metrics are not judged; see docs/realtime.md); exit 3`,
    );
  }
  out.push(countsLine(comparison));
  return `${out.join('\n')}\n`;
}
