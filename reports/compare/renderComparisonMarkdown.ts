import type { Comparison, MetricComparison } from '../../harness/stats/compare/Comparison.ts';
import { missingFails } from '../../harness/stats/compare/Comparison.ts';
import { type Align, markdownTable } from '../markdown/markdownTable.ts';
import { comparisonHead, comparisonRow, countsLine, invalidLines, unmatchedLines } from './comparisonRows.ts';

function verdictCell(m: MetricComparison): string {
  if (m.verdict === 'regressed') return '**regressed**';
  if (m.verdict === 'inconclusive') return '_inconclusive_';
  return m.verdict;
}

/**
 * The pull-request summary of `bench compare` (for `$GITHUB_STEP_SUMMARY` or a PR comment): the
 * outcome in one line, which kind of comparison and rule, warnings, the changed metrics with the
 * reason for each verdict, and every compared metric in a collapsed table.
 */
export function renderComparisonMarkdown(comparison: Comparison): string {
  const head = comparisonHead(comparison);
  const align: Align[] = head.map((_, i) => (i >= 3 && i < head.length - 1 ? 'right' : 'left'));
  const c = comparison.counts;
  const missing = comparison.removed.length;
  const invalid = comparison.invalid.length;
  const outcome =
    invalid > 0
      ? `**Result: not a valid comparison: ${invalid} run${invalid === 1 ? '' : 's'} judged invalid (not a valid measurement, see docs/realtime.md).**`
      : missingFails(comparison)
        ? `**Result: ${missing} run${missing === 1 ? '' : 's'} of base missing from head${c.regressed > 0 ? `, ${c.regressed} regression${c.regressed === 1 ? '' : 's'}` : ''}.**`
        : c.regressed > 0
          ? `**Result: ${c.regressed} regression${c.regressed === 1 ? '' : 's'}.**`
          : c.inconclusive > 0
            ? '**Result: no regression detected** (some metrics inconclusive).'
            : '**Result: no regression.**';
  const lines = [
    `## Benchmark comparison: \`${comparison.head.scenario}\``,
    '',
    `${outcome} ${countsLine(comparison)}.`,
    '',
    `${comparison.summary[0]?.toUpperCase()}${comparison.summary.slice(1)}.`,
    '',
  ];
  for (const w of comparison.warnings) lines.push(`> **Warning:** ${w}.`, '');
  const changed: string[][] = [];
  const all: string[][] = [];
  for (const run of comparison.runs) {
    for (const m of run.metrics) {
      const row = comparisonRow(comparison, run, m, verdictCell);
      all.push(row);
      if (m.verdict !== 'unchanged') changed.push([...row, m.reason]);
    }
  }
  if (changed.length > 0) {
    lines.push('### Changes', '', markdownTable([...head, 'why'], changed, [...align, 'left']), '');
  }
  for (const line of [...invalidLines(comparison), ...unmatchedLines(comparison)]) {
    lines.push(`${line[0]?.toUpperCase()}${line.slice(1)}.`, '');
  }
  lines.push(
    '<details>',
    `<summary>All ${all.length} compared metrics</summary>`,
    '',
    markdownTable(head, all, align),
    '',
    '</details>',
    '',
    `Δ = (current − baseline) / baseline. Base: ${comparison.base.mode}, seed ${comparison.base.seed}, ${comparison.base.startedAt}. Head: ${comparison.head.mode}, seed ${comparison.head.seed}, ${comparison.head.startedAt}.`,
  );
  return `${lines.join('\n')}\n`;
}
