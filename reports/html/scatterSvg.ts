import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatMs, formatPercent, formatUsd } from '../format.ts';
import { groupByCell, strategyOrder } from '../model/cells.ts';
import { escapeHtml } from './escapeHtml.ts';
import { strategyColour } from './palette.ts';
import { scaleFor } from './svgAxis.ts';

const W = 420;
const H = 280;
const M = { left: 76, right: 16, top: 12, bottom: 44 };

/** Bubble radius (px) for an error rate 0..1: area grows with the rate, 4 px at 0%. */
export function bubbleRadius(errorRate: number): number {
  return 4 + Math.sqrt(Math.max(0, Math.min(1, errorRate))) * 22;
}

function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * Per matrix cell, an SVG scatter of cost (y, USD) against p99 latency (x, ms; log when it spans
 * more than 10×), one bubble per strategy in its colour, labelled with its name, bubble area by
 * error rate. Runs without a p99 (nothing succeeded) are listed under the chart instead.
 */
export function scatterSvgs(results: ResultsFile): { cellId: string; svg: string; missing: string[] }[] {
  const order = strategyOrder(results);
  return groupByCell(results.runs).map((cell) => {
    const points = cell.runs.filter(
      (r) => r.metrics.latencyMs !== undefined && r.metrics.latencyMs.count > 0,
    );
    const missing = cell.runs.filter((r) => !points.includes(r)).map((r) => r.strategy);
    const xs = scaleFor(
      points.map((r) => r.metrics.latencyMs?.p99 ?? 0),
      M.left,
      W - M.right,
    );
    const ys = scaleFor(
      points.map((r) => r.metrics.costUsd),
      H - M.bottom,
      M.top,
    );
    const parts: string[] = [
      `<svg class="chart scatter" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(`cost against p99 latency, ${cell.cellId}`)}">`,
      `<line class="axis" x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}"/>`,
      `<line class="axis" x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}"/>`,
    ];
    for (const t of xs.ticks) {
      const x = num(xs.at(t));
      parts.push(
        `<line class="grid" x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}"/>`,
        `<text class="tick" x="${x}" y="${H - M.bottom + 14}" text-anchor="middle">${formatMs(t)}</text>`,
      );
    }
    for (const t of ys.ticks) {
      const y = num(ys.at(t));
      parts.push(
        `<line class="grid" x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}"/>`,
        `<text class="tick" x="${M.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${formatUsd(t)}</text>`,
      );
    }
    parts.push(
      `<text class="label" x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">p99 latency (ms${xs.log ? ', log scale' : ''})</text>`,
      `<text class="label" transform="rotate(-90)" x="${-(M.top + H - M.bottom) / 2}" y="12" text-anchor="middle">cost (USD)</text>`,
    );
    // Largest bubbles first, so small ones stay visible on top.
    const byRadius = [...points].sort((a, b) => b.metrics.errorRate - a.metrics.errorRate);
    const marks = byRadius.map((run) => {
      const cx = xs.at(run.metrics.latencyMs?.p99 ?? 0);
      const cy = ys.at(run.metrics.costUsd);
      const r = bubbleRadius(run.metrics.errorRate);
      const right = cx < (W - M.right + M.left) / 2;
      const lx = cx + (right ? r + 4 : -r - 4);
      const width = run.strategy.length * 7;
      return { run, cx, cy, r, right, lx, ly: cy, x0: right ? lx : lx - width, x1: right ? lx + width : lx };
    });
    placeLabels(marks);
    for (const { run, cx, cy, r, right, lx, ly } of marks) {
      const colour = strategyColour(order.indexOf(run.strategy));
      const title = `${run.strategy}: p99 ${formatMs(run.metrics.latencyMs?.p99)} ms, cost ${formatUsd(run.metrics.costUsd)}, error rate ${formatPercent(run.metrics.errorRate)}`;
      parts.push(
        `<g class="mark" data-strategy="${escapeHtml(run.strategy)}"><title>${escapeHtml(title)}</title>`,
        `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${colour}" fill-opacity="0.55" stroke="${colour}" stroke-width="2"/>`,
        `<text class="point-label" x="${num(lx)}" y="${num(ly)}" dy="0.32em" text-anchor="${right ? 'start' : 'end'}">${escapeHtml(run.strategy)}</text></g>`,
      );
    }
    parts.push('</svg>');
    return { cellId: cell.cellId, svg: parts.join(''), missing };
  });
}

/** Line height of a point label (px): labels closer than this on overlapping spans are pushed apart. */
const LABEL_GAP = 14;

/**
 * Moves point labels apart vertically where two would overlap (same horizontal span, closer than
 * {@link LABEL_GAP}): each later label goes below the one it meets, so identical points (two
 * strategies with the same p99 and cost) still show both names.
 */
export function placeLabels(labels: { ly: number; x0: number; x1: number }[]): void {
  const placed: { ly: number; x0: number; x1: number }[] = [];
  for (const label of [...labels].sort((a, b) => a.ly - b.ly)) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const other of placed) {
        // With a tolerance: other.ly + LABEL_GAP - other.ly can come out a hair under LABEL_GAP in
        // floating point, and the label would be moved to where it already is, for ever.
        if (label.x0 < other.x1 && other.x0 < label.x1 && Math.abs(label.ly - other.ly) < LABEL_GAP - 1e-6) {
          label.ly = other.ly + LABEL_GAP;
          moved = true;
        }
      }
    }
    placed.push(label);
  }
}

/** The bubble-size key under the scatters: what 0%, 10% and 50% errors look like. */
export function bubbleKey(): string {
  const rates = [0, 0.1, 0.5];
  let x = 10;
  const parts = [
    '<svg class="bubble-key" viewBox="0 0 260 46" role="img" aria-label="bubble size: error rate">',
  ];
  for (const rate of rates) {
    const r = bubbleRadius(rate);
    parts.push(
      `<circle cx="${num(x + r)}" cy="23" r="${num(r)}" class="key-bubble"/>`,
      `<text class="tick" x="${num(x + 2 * r + 4)}" y="23" dy="0.32em">${formatPercent(rate)}</text>`,
    );
    x += 2 * r + 46;
  }
  parts.push('</svg>');
  return parts.join('');
}
