import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { readMetric } from '../../harness/stats/metricPath.ts';
import { baselineStrategy, groupByCell, strategyOrder } from '../model/cells.ts';
import { columnsFor, type StrategyColumn, strategyCells, strategyLabel } from '../model/strategyColumns.ts';
import { survivorsFootnote } from '../model/survivorsOnly.ts';
import { escapeHtml } from './escapeHtml.ts';
import { strategyColour } from './palette.ts';

/** The raw value a column sorts by: goodput per minute from the per-second figure in older files. */
function sortValue(run: RunResult, column: StrategyColumn): number | undefined {
  if (column.metric === 'goodput.requestsPerMin') {
    const g = run.metrics.goodput;
    return g === undefined ? undefined : (g.requestsPerMin ?? g.requestsPerSec * 60);
  }
  return readMetric(run.metrics, column.metric);
}

/** A table cell's text with its ratio to the baseline (`1432 (1.01×)`) under the value, smaller. */
function cellText(text: string): string {
  const match = /^(.*) \(([^()]*×)\)$/.exec(text);
  if (match === null) return escapeHtml(text);
  return `${escapeHtml(match[1] ?? '')}<span class="ratio">${escapeHtml(match[2] ?? '')}</span>`;
}

/**
 * Per matrix cell, the strategies side by side as an HTML table whose columns sort on a click
 * (client.js, by each cell's `data-sort`: the raw number, so `1.5%` sorts below `12%`); texts and
 * ratios to the baseline as in report.md, missing values last.
 */
export function cellTables(results: ResultsFile): string {
  const baselineName = baselineStrategy(results);
  const order = strategyOrder(results);
  return groupByCell(results.runs)
    .map((cell) => {
      const baseline = cell.runs.find((r) => r.strategy === baselineName);
      const columns = columnsFor(cell.runs);
      const head = ['strategy', ...columns.map((c) => c.header)]
        .map(
          (h, i) =>
            `<th scope="col" aria-sort="none"><button type="button" data-column="${i}" data-kind="${i === 0 ? 'text' : 'number'}">${escapeHtml(h)}</button></th>`,
        )
        .join('');
      const rows = cell.runs.map((run) => {
        const texts = strategyCells(run, baseline, columns);
        const colour = strategyColour(order.indexOf(run.strategy));
        const cells = columns.map((column, i) => {
          const value = sortValue(run, column);
          return `<td data-sort="${value === undefined ? '' : value}">${cellText(texts[i] ?? '')}</td>`;
        });
        return `<tr><th scope="row" data-sort="${escapeHtml(run.strategy)}"><span class="swatch" style="background:${colour}"></span>${escapeHtml(strategyLabel(run, baselineName))}</th>${cells.join('')}</tr>`;
      });
      const notes: string[] = [];
      if (baseline !== undefined && cell.runs.length > 1)
        notes.push(
          `(×) is the ratio to the baseline <code>${escapeHtml(baselineName ?? '')}</code> in this cell.`,
        );
      const survivors = survivorsFootnote(cell.runs);
      if (survivors !== undefined) notes.push(escapeHtml(survivors));
      const failures = cell.runs
        .filter((r) => r.metrics.requests.failed > 0)
        .map((r) => {
          const kinds = Object.entries(r.metrics.requests.byOutcome)
            .filter(([, n]) => n > 0)
            .map(([kind, n]) => `${n} ${kind}`);
          return `${r.strategy} ${r.metrics.requests.failed} of ${r.metrics.requests.total} (${kinds.join(', ')})`;
        });
      if (failures.length > 0) notes.push(escapeHtml(`Failed requests: ${failures.join('; ')}.`));
      for (const run of cell.runs.filter((r) => !r.valid)) {
        notes.push(
          `<strong>Invalid measurement:</strong> <code>${escapeHtml(run.strategy)}</code>: ${escapeHtml((run.invalidReasons ?? ['no reason given']).join('; '))}.`,
        );
      }
      return [
        `<section class="cell"><h3>Cell <code>${escapeHtml(cell.cellId)}</code></h3>`,
        `<div class="table-wrap"><table class="sortable"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
        ...notes.map((n) => `<p class="note">${n}</p>`),
        '</section>',
      ].join('\n');
    })
    .join('\n');
}
