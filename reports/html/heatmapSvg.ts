import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { metricDirection, readMetric } from '../../harness/stats/metricPath.ts';
import { formatMetric } from '../format.ts';
import { paramLabel, strategyOrder, sweptKeys } from '../model/cells.ts';
import { escapeHtml } from './escapeHtml.ts';
import { viridis } from './palette.ts';

/** The metrics a heatmap can show, in the order of the page's selector. */
export const HEATMAP_METRICS: readonly { metric: string; title: string }[] = [
  { metric: 'latencyMs.p99', title: 'p99 latency' },
  { metric: 'throughput.requestsPerMin', title: 'throughput (req/min)' },
  { metric: 'goodput.requestsPerMin', title: 'goodput (req/min)' },
  { metric: 'errorRate', title: 'error rate' },
  { metric: 'costUsd', title: 'cost (USD)' },
];

const CELL_W = 92;
const CELL_H = 34;

type Value = string | number | boolean | undefined;

function distinct(runs: readonly RunResult[], key: string | undefined): Value[] {
  if (key === undefined) return [undefined];
  const values: Value[] = [];
  for (const run of runs) if (!values.includes(run.params[key])) values.push(run.params[key]);
  return values;
}

/** The label of the column part of a cell: every swept key after the first. */
function columnLabel(run: RunResult, keys: readonly string[]): string {
  return keys
    .map((k) => (keys.length > 1 ? `${k}=${paramLabel(k, run.params[k])}` : paramLabel(k, run.params[k])))
    .join(', ');
}

/** One metric's heatmaps: the metric, its title, the direction that is better and one SVG per strategy. */
export interface MetricHeatmaps {
  metric: string;
  title: string;
  better: 'lower' | 'higher';
  strategies: { strategy: string; svg: string }[];
}

/**
 * For each metric some run measured, one heatmap per strategy over the swept matrix: rows the first
 * swept parameter's values, columns the others' combinations, each square the metric's value in its
 * colour on one scale shared by every strategy (viridis, brighter is better). Empty when the
 * matrix has a single cell.
 */
export function heatmaps(results: ResultsFile): MetricHeatmaps[] {
  const keys = sweptKeys(results.runs);
  if (new Set(results.runs.map((r) => r.cellId)).size < 2 || keys.length === 0) return [];
  const rowKey = keys[0] as string;
  const colKeys = keys.slice(1);
  const rowValues = distinct(results.runs, rowKey);
  const colLabels = [...new Set(results.runs.map((r) => columnLabel(r, colKeys)))];
  const strategies = strategyOrder(results);
  const rowHead = Math.max(
    56,
    7 * Math.max(rowKey.length, ...rowValues.map((v) => paramLabel(rowKey, v).length)) + 14,
  );
  const colHead = 38;
  const width = rowHead + CELL_W * colLabels.length;
  const height = colHead + CELL_H * rowValues.length;
  return HEATMAP_METRICS.flatMap(({ metric, title }) => {
    const values = results.runs.map((r) => readMetric(r.metrics, metric)).filter((v) => v !== undefined);
    if (values.length === 0) return [];
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const better = metricDirection(metric);
    const shade = (v: number): number => {
      const t = hi === lo ? 0.5 : (v - lo) / (hi - lo);
      return better === 'higher' ? t : 1 - t;
    };
    const svgs = strategies.map((strategy) => {
      const parts = [
        `<svg class="chart heatmap-svg" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-label="${escapeHtml(`${title}, ${strategy}`)}">`,
        `<text class="label" x="2" y="${colHead - 8}">${escapeHtml(rowKey)}</text>`,
        colKeys.length === 0
          ? ''
          : `<text class="label" x="${rowHead + (CELL_W * colLabels.length) / 2}" y="11" text-anchor="middle">${escapeHtml(colKeys.join(', '))}</text>`,
      ];
      colLabels.forEach((label, c) => {
        parts.push(
          `<text class="tick" x="${rowHead + CELL_W * c + CELL_W / 2}" y="${colHead - 8}" text-anchor="middle">${escapeHtml(label)}</text>`,
        );
      });
      rowValues.forEach((rv, r) => {
        const y = colHead + CELL_H * r;
        parts.push(
          `<text class="tick" x="${rowHead - 6}" y="${y + CELL_H / 2}" dy="0.32em" text-anchor="end">${escapeHtml(paramLabel(rowKey, rv))}</text>`,
        );
        colLabels.forEach((label, c) => {
          const run = results.runs.find(
            (x) => x.strategy === strategy && x.params[rowKey] === rv && columnLabel(x, colKeys) === label,
          );
          const value = run === undefined ? undefined : readMetric(run.metrics, metric);
          const x = rowHead + CELL_W * c;
          if (value === undefined) {
            parts.push(
              `<rect class="empty" x="${x + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}"/>`,
              `<text class="tick" x="${x + CELL_W / 2}" y="${y + CELL_H / 2}" dy="0.32em" text-anchor="middle">–</text>`,
            );
            return;
          }
          const { fill, darkText } = viridis(shade(value));
          const text = formatMetric(metric, value);
          parts.push(
            `<g class="mark"><title>${escapeHtml(`${strategy}, ${run?.cellId}: ${title} ${text}`)}</title>`,
            `<rect x="${x + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${fill}"/>`,
            `<text class="cell-value ${darkText ? 'on-light' : 'on-dark'}" x="${x + CELL_W / 2}" y="${y + CELL_H / 2}" dy="0.32em" text-anchor="middle">${escapeHtml(text)}</text></g>`,
          );
        });
      });
      parts.push('</svg>');
      return { strategy, svg: parts.join('') };
    });
    return [{ metric, title, better, strategies: svgs }];
  });
}
