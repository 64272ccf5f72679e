import type { ResultsFile, ThresholdResult } from '../harness/results/ResultsFile.ts';
import { formatMetric } from './format.ts';
import { attemptsNote } from './model/attemptsNote.ts';
import { baselineStrategy, groupByCell } from './model/cells.ts';
import { generatorFigures, limitsText, validityLimits } from './model/generatorFigures.ts';
import { overheadTable, withDirectTwins } from './model/overheadRows.ts';
import { sloText } from './model/sloText.ts';
import { columnsFor, strategyCells, strategyLabel, throughGateway } from './model/strategyColumns.ts';
import { survivorsFootnote } from './model/survivorsOnly.ts';
import { thresholdCounts, thresholdFailed, thresholdVerdict } from './model/thresholdVerdict.ts';
import { objectiveText, verdictsOf } from './model/verdicts.ts';
import type { RenderOptions } from './Renderer.ts';
import { fitTables } from './terminal/fitTables.ts';
import { DEFAULT_WIDTH_COLUMNS, wrapLine } from './terminal/wrapLine.ts';

/** Items by key, keys in first-seen order (Map.groupBy needs Node 21). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** How far a passing value sits from its bound, as a share of the bound (0 = on it). */
function margin(t: ThresholdResult): number {
  return t.bound === 0 ? Math.abs(t.measured) : Math.abs(t.bound - t.measured) / Math.abs(t.bound);
}

function versus(t: ThresholdResult): string {
  return `${formatMetric(t.metric, t.measured)}, bound ${formatMetric(t.metric, t.bound)}`;
}

/** `head rest` on one line when it fits in `width` columns, else `rest` on the next line, indented. */
function fitLine(head: string, rest: string, width: number): string {
  const line = `${head} ${rest}`;
  return line.length <= width ? line : `${wrapLine(head, width)}\n${wrapLine(`    ${rest}`, width)}`;
}

/** The strategy's name and a space, or nothing when the check's label already starts with it. */
function who(source: string, strategy: string): string {
  return source.startsWith(`${strategy}: `) ? '' : `${strategy} `;
}

/**
 * Thresholds grouped so they read at `width` columns: a line per check with its verdict, under it a
 * line per cell that failed or was not evaluated, then a line per strategy for the cells that
 * passed (how many, and the one closest to its bound).
 */
function thresholdLines(thresholds: readonly ThresholdResult[], width: number): string {
  const out = [`thresholds: ${thresholdCounts(thresholds)}`];
  for (const [source, checks] of groupBy(thresholds, (t) => t.source)) {
    const verdict = checks.some(thresholdFailed)
      ? 'FAIL'
      : checks.every((t) => t.passed)
        ? 'pass'
        : checks.some((t) => t.notEvaluated === true)
          ? 'not evaluated'
          : 'skipped (interrupted)';
    out.push(wrapLine(`${verdict.padEnd(4)}  ${source}`, width));
    for (const t of checks.filter((c) => !c.passed)) {
      const figures = Number.isFinite(t.measured) ? `${versus(t)}: ` : '';
      out.push(
        fitLine(`  ${who(source, t.strategy)}at ${t.cellId}:`, `${figures}${thresholdVerdict(t)}`, width),
      );
    }
    for (const [strategy, runs] of groupBy(
      checks.filter((c) => c.passed),
      (t) => t.strategy,
    )) {
      const closest = runs.reduce((a, b) => (margin(b) < margin(a) ? b : a));
      const where =
        runs.length === 1 ? `at ${closest.cellId}` : `in ${runs.length} cells, closest ${closest.cellId}`;
      out.push(fitLine(`  ${who(source, strategy)}passed ${where}:`, versus(closest), width));
    }
  }
  return out.join('\n');
}

/**
 * The terminal report: per matrix cell, the strategies compared in cli-table3 tables (mean, p50,
 * p99 latency, TTFT when streamed, req/min, goodput, error rate, retries, cache hit rate, cost): one
 * table when it fits `options.widthColumns` (default 80), else split by column group (latency,
 * rate, outcome and cost), each repeating the strategy; invalid runs flagged with their reasons;
 * then the thresholds grouped by check with pass/fail. Every line fits the width (a table too, as
 * long as one column and the strategy do). No colours, so it reads the same in CI logs.
 */
export function renderTable(results: ResultsFile, options: RenderOptions = {}): string {
  const width = options.widthColumns ?? DEFAULT_WIDTH_COLUMNS;
  const wrap = (line: string): string => wrapLine(line, width);
  const baseline = baselineStrategy(results);
  const out: string[] = [
    wrap(
      `${results.scenario.name}: ${results.mode}, seed ${results.seed}, ${results.runs.length} runs${results.partial ? ' (PARTIAL: interrupted)' : ''}`,
    ),
  ];
  const slo = sloText(results);
  if (slo !== undefined)
    out.push(wrap(`goodput/min: successful requests within the SLO (${slo}) per minute`));
  const skipped = results.skipped ?? [];
  if (skipped.length > 0) {
    out.push(
      fitLine('skipped (interrupted):', skipped.map((r) => `${r.strategy} at ${r.cellId}`).join(', '), width),
    );
  }
  for (const cell of groupByCell(results.runs)) {
    const columns = columnsFor(cell.runs, { gateway: throughGateway(results) });
    const tables = fitTables(
      {
        keys: [{ header: 'strategy', align: 'left', group: 'strategy' }],
        columns: columns.map((c) => ({ header: c.header, align: 'right', group: c.group })),
        rows: cell.runs.map((run) => [
          strategyLabel(run, baseline),
          ...strategyCells(run, undefined, columns),
        ]),
      },
      width,
    );
    out.push('', wrap(`cell ${cell.cellId}`), ...tables);
    const survivors = survivorsFootnote(cell.runs);
    if (survivors !== undefined) out.push(wrap(survivors));
    const overhead = overheadTable(cell.runs);
    if (overhead !== undefined) {
      const overheadTables = fitTables(
        {
          keys: [{ header: 'strategy', align: 'left', group: 'strategy' }],
          columns: overhead.head.slice(1).map((header) => ({ header, align: 'right', group: 'overhead' })),
          rows: overhead.rows,
        },
        width,
      );
      out.push(wrap(`${overhead.title}:`), ...overheadTables, ...overhead.notes.map((n) => wrap(`  ${n}`)));
    }
    const generator = withDirectTwins(cell.runs).flatMap((run) => {
      const figures = generatorFigures(results, run);
      return figures === undefined ? [] : [wrap(`  ${run.strategy}: ${figures}`)];
    });
    if (generator.length > 0) {
      out.push(wrap(`load generator (valid: ${limitsText(validityLimits(results))}):`), ...generator);
    }
    for (const run of withDirectTwins(cell.runs).filter((r) => !r.valid)) {
      out.push(
        wrap(`  ${run.strategy} is not a valid measurement: ${(run.invalidReasons ?? []).join('; ')}`),
      );
    }
    for (const note of cell.runs.map(attemptsNote)) if (note !== undefined) out.push(`  ${note}`);
  }
  const verdicts = verdictsOf(results);
  if (verdicts.cells.length > 0) {
    out.push('', wrap(`verdict (${objectiveText(verdicts)}):`));
    for (const cell of verdicts.cells) {
      const cut = cell.text.indexOf(': ');
      out.push(
        cut < 0
          ? wrap(`  ${cell.text}`)
          : fitLine(`  ${cell.text.slice(0, cut + 1)}`, cell.text.slice(cut + 2), width),
      );
    }
    if (verdicts.summary !== '') out.push(wrap(`  ${verdicts.summary}`));
  }
  if (results.thresholds.length > 0) out.push('', thresholdLines(results.thresholds, width));
  return `${out.join('\n')}\n`;
}
