import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatMetric } from '../format.ts';
import { markdownTable } from './markdownTable.ts';

/** Every threshold check with its measured value and bound; failures in bold with their reason. */
export function thresholdSection(results: ResultsFile): string {
  const thresholds = results.thresholds;
  if (thresholds.length === 0) return '';
  const failed = thresholds.filter((t) => !t.passed).length;
  const rows = thresholds.map((t) => [
    `\`${t.source}\``,
    t.strategy,
    t.cellId,
    formatMetric(t.metric, t.measured),
    formatMetric(t.metric, t.bound),
    t.passed ? 'pass' : `**FAIL**${t.reason === undefined ? '' : `: ${t.reason}`}`,
  ]);
  const summary =
    failed === 0
      ? `All ${thresholds.length} threshold checks passed.`
      : `**${failed} of ${thresholds.length} threshold checks failed.**`;
  return `${summary}\n\n${markdownTable(['threshold', 'strategy', 'cell', 'measured', 'bound', 'result'], rows, ['left', 'left', 'left', 'right', 'right', 'left'])}\n`;
}
