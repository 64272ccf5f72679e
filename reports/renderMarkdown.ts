import type { ResultsFile } from '../harness/results/ResultsFile.ts';
import { acrossCells } from './markdown/acrossCells.ts';
import { cellSections } from './markdown/cellSections.ts';
import { latencyCharts, throughputCharts } from './markdown/charts.ts';
import { footnotes } from './markdown/footnotes.ts';
import { referencesSection } from './markdown/referencesSection.ts';
import { scenarioSummary } from './markdown/scenarioSummary.ts';
import { thresholdSection } from './markdown/thresholdSection.ts';
import { verdictSection } from './markdown/verdictSection.ts';

export interface MarkdownOptions {
  /** Heading of the report. Default `Benchmark: <scenario name>`. */
  title?: string;
  /** Include the mermaid charts. Default true. */
  charts?: boolean;
  /**
   * Include the environment section (machine, Node version, run date and wall time). Default true;
   * false gives the same bytes on any machine for a simulated run (committed example reports).
   */
  environment?: boolean;
}

/**
 * The full markdown report (report.md): the scenario in one paragraph; per matrix cell a strategy
 * comparison with ratios to the baseline; each strategy across cells; mermaid charts; thresholds;
 * published vs measured figures; metric definitions and the environment. Plain GitHub-flavoured
 * markdown that reads as text too. Pure: no I/O.
 */
export function renderMarkdown(results: ResultsFile, options: MarkdownOptions = {}): string {
  const invalid = results.runs.filter((r) => !r.valid);
  const parts: string[] = [
    `# ${options.title ?? `Benchmark: ${results.scenario.name}`}`,
    '',
    scenarioSummary(results),
    '',
  ];
  if (results.partial) {
    const skipped = results.skipped ?? [];
    const notRun =
      skipped.length === 0
        ? ''
        : ` Skipped (interrupted), never started: ${skipped.map((r) => `\`${r.strategy}\` in \`${r.cellId}\``).join(', ')}.`;
    parts.push(
      `> **Partial results:** the run was interrupted; only the runs below were measured.${notRun}`,
      '',
    );
  }
  if (invalid.length > 0) {
    const names = invalid.map((r) => `\`${r.strategy}\` in \`${r.cellId}\``).join(', ');
    parts.push(
      `> **${invalid.length} invalid measurement${invalid.length === 1 ? '' : 's'}:** ${names} (reasons below).`,
      '',
    );
  }
  const verdict = verdictSection(results);
  if (verdict !== '') parts.push('## Verdict', '', verdict);
  parts.push('## Results by cell', '', cellSections(results));
  const across = acrossCells(results);
  if (across !== '') parts.push('## Strategies across cells', '', across);
  if (options.charts ?? true) {
    const throughput = throughputCharts(results);
    parts.push('## Charts', '', latencyCharts(results), '');
    if (throughput !== '') parts.push(throughput, '');
  }
  const thresholds = thresholdSection(results);
  if (thresholds !== '') parts.push('## Thresholds', '', thresholds);
  const references = referencesSection(results);
  if (references !== '') parts.push('## Published vs measured', '', references);
  parts.push(footnotes(results, options.environment ?? true));
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
