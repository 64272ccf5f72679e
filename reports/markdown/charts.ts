import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { OKABE_ITO } from '../html/palette.ts';
import { groupByCell, paramLabel, strategyOrder, sweptKeys } from '../model/cells.ts';

/**
 * Charts as mermaid `xychart-beta` blocks: GitHub draws them, no image files, and the source
 * still reads as numbers in plain text. One metric per chart; xychart has no legend, so a chart
 * with several series gets them coloured from the Okabe-Ito palette (an `init` directive, which
 * GitHub's mermaid honours) and a legend line under it naming each colour.
 */

/** Names of the {@link OKABE_ITO} colours, for legends written in words. */
const COLOUR_NAMES = ['blue', 'orange', 'green', 'vermillion', 'purple', 'sky blue', 'grey', 'yellow'];

/** The legend line under a chart whose series are `names`, in series order. */
export function legendLine(kind: 'Lines' | 'Bars', names: readonly string[]): string {
  return `${kind}: ${names.map((n, i) => `${n} (${COLOUR_NAMES[i % COLOUR_NAMES.length]})`).join(', ')}.`;
}

/** The mermaid directive colouring a chart's series in order with the Okabe-Ito palette. */
function paletteDirective(): string {
  return `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${OKABE_ITO.join(', ')}"}}}}%%`;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

const NICE_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** A round upper bound for the y axis (bars start at zero): the first of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at least 5% above the maximum. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = NICE_STEPS.find((s) => s * magnitude >= max * 1.05) ?? 10;
  return step * magnitude;
}

function chart(title: string, xAxis: string, yLabel: string, max: number, series: readonly string[]): string {
  return [
    '```mermaid',
    ...(series.length > 1 ? [paletteDirective()] : []),
    'xychart-beta',
    `  title ${quote(title)}`,
    `  x-axis ${xAxis}`,
    `  y-axis ${quote(yLabel)} 0 --> ${niceMax(max)}`,
    ...series.map((s) => `  ${s}`),
    '```',
  ].join('\n');
}

/**
 * Per cell, the p99 latency of each strategy as one bar each: one metric per chart, the strategies
 * named on the x axis (a chart of every percentile of every strategy had labels running into each
 * other).
 */
export function latencyCharts(results: ResultsFile): string {
  return groupByCell(results.runs)
    .map((cell) => {
      const values = cell.runs.map((run) => round1(run.metrics.latencyMs?.p99 ?? 0));
      return chart(
        `p99 latency (ms), ${cell.cellId}`,
        `[${cell.runs.map((run) => quote(run.strategy)).join(', ')}]`,
        'p99 (ms)',
        Math.max(...values),
        [`bar [${values.join(', ')}]`],
      );
    })
    .join('\n\n');
}

/**
 * Throughput against the first numeric swept parameter, one line per strategy, one chart per
 * combination of the other swept parameters. Empty when nothing numeric sweeps.
 */
export function throughputCharts(results: ResultsFile): string {
  const keys = sweptKeys(results.runs);
  const xKey = keys.find((k) => results.runs.every((r) => typeof r.params[k] === 'number'));
  if (xKey === undefined) return '';
  const others = keys.filter((k) => k !== xKey);
  const groups = new Map<string, RunResult[]>();
  for (const run of results.runs) {
    const id = others.map((k) => `${k}=${paramLabel(k, run.params[k])}`).join(',');
    groups.set(id, [...(groups.get(id) ?? []), run]);
  }
  const strategies = strategyOrder(results);
  const charts: string[] = [];
  for (const [id, runs] of groups) {
    const xs = [...new Set(runs.map((r) => r.params[xKey] as number))].sort((a, b) => a - b);
    if (xs.length < 2) continue;
    const lines = strategies.map((s) =>
      xs.map((x) => {
        const run = runs.find((r) => r.strategy === s && r.params[xKey] === x);
        return run === undefined ? 0 : round1(run.metrics.throughput.requestsPerMin);
      }),
    );
    charts.push(
      chart(
        `throughput (req/min) by ${xKey}${id === '' ? '' : `, ${id}`}`,
        `${quote(xKey)} [${xs.map((x) => (xKey === 'rate' ? quote(paramLabel(xKey, x)) : x)).join(', ')}]`,
        'req/min',
        Math.max(...lines.flat()),
        lines.map((l) => `line [${l.join(', ')}]`),
      ),
    );
  }
  if (charts.length === 0) return '';
  return `${charts.join('\n\n')}\n\n${legendLine('Lines', strategies)}`;
}
