import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatMetric } from '../format.ts';
import { strategyOrder } from '../model/cells.ts';
import { thresholdCounts, thresholdFailed, thresholdVerdict } from '../model/thresholdVerdict.ts';
import { escapeHtml } from './escapeHtml.ts';

/**
 * Thresholds grouped by strategy: one line each with its counts, its failed checks listed under it
 * (measured, bound, reason), every check in a table behind a disclosure. Empty when there are none.
 */
export function thresholdsHtml(results: ResultsFile): string {
  const all = results.thresholds;
  if (all.length === 0) return '';
  const strategies = [...new Set([...strategyOrder(results), ...all.map((t) => t.strategy)])];
  const lines = strategies.flatMap((strategy) => {
    const own = all.filter((t) => t.strategy === strategy);
    if (own.length === 0) return [];
    const failed = own.filter((t) => !t.passed);
    const cls = own.some(thresholdFailed) ? 'fail' : 'pass';
    const details = failed
      .map(
        (t) =>
          `<li><code>${escapeHtml(t.source)}</code> in <code>${escapeHtml(t.cellId)}</code>: measured ${escapeHtml(formatMetric(t.metric, t.measured))}, bound ${escapeHtml(formatMetric(t.metric, t.bound))}: ${escapeHtml(thresholdVerdict(t))}</li>`,
      )
      .join('');
    return [
      `<li><strong>${escapeHtml(strategy)}</strong>: <span class="${cls}">${escapeHtml(thresholdCounts(own))}</span>${details === '' ? '' : `<ul>${details}</ul>`}</li>`,
    ];
  });
  const rows = all
    .map(
      (t) =>
        `<tr><td class="left"><code>${escapeHtml(t.source)}</code></td><td class="left">${escapeHtml(t.strategy)}</td><td class="left">${escapeHtml(t.cellId)}</td><td>${escapeHtml(formatMetric(t.metric, t.measured))}</td><td>${escapeHtml(formatMetric(t.metric, t.bound))}</td><td class="left ${thresholdFailed(t) ? 'fail' : ''}">${escapeHtml(thresholdVerdict(t))}</td></tr>`,
    )
    .join('');
  return [
    `<p>${escapeHtml(thresholdCounts(all))}.</p>`,
    `<ul class="thresholds">${lines.join('')}</ul>`,
    `<details><summary>Every check (${all.length})</summary><div class="table-wrap"><table><thead><tr><th>threshold</th><th>strategy</th><th>cell</th><th>measured</th><th>bound</th><th>result</th></tr></thead><tbody>${rows}</tbody></table></div></details>`,
  ].join('\n');
}
