import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatMetric } from '../format.ts';
import { thresholdFailed, thresholdVerdict } from '../model/thresholdVerdict.ts';
import { markdownTable } from './markdownTable.ts';

/** Every threshold check with its measured value and bound; failures in bold with their reason. */
export function thresholdSection(results: ResultsFile): string {
  const thresholds = results.thresholds;
  if (thresholds.length === 0) return '';
  const notEvaluated = thresholds.filter((t) => t.notEvaluated === true).length;
  const skipped = thresholds.filter((t) => t.skipped === true).length;
  const failed = thresholds.filter(thresholdFailed).length;
  const rows = thresholds.map((t) => [
    `\`${t.source}\``,
    t.strategy,
    t.cellId,
    formatMetric(t.metric, t.measured),
    formatMetric(t.metric, t.bound),
    thresholdVerdict(t, '**FAIL**'),
  ]);
  const summary =
    failed === 0 && notEvaluated === 0 && skipped === 0
      ? `All ${thresholds.length} threshold checks passed.`
      : [
          failed > 0 ? `**${failed} of ${thresholds.length} threshold checks failed.**` : '',
          notEvaluated > 0
            ? `**${notEvaluated} of ${thresholds.length} threshold checks were not evaluated**: their runs are not valid measurements.`
            : '',
          skipped > 0
            ? `**${skipped} of ${thresholds.length} threshold checks were skipped**: their runs never started (interrupted).`
            : '',
        ]
          .filter((s) => s !== '')
          .join(' ');
  return `${summary}\n\n${markdownTable(['threshold', 'strategy', 'cell', 'measured', 'bound', 'result'], rows, ['left', 'left', 'left', 'right', 'right', 'left'])}\n`;
}
