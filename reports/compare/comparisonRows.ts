import type { Comparison, MetricComparison, RunComparison } from '../../harness/stats/compare/Comparison.ts';
import { formatDeltaPct, formatMetric, formatPValue, MISSING } from '../format.ts';

/** Columns of a comparison table; statistical comparisons add the interval and the p-value. */
export function comparisonHead(comparison: Comparison): string[] {
  const head = ['strategy', 'cell', 'metric', 'baseline', 'current', 'Δ'];
  if (comparison.kind === 'statistical') {
    head.push(`${Math.round((1 - comparison.settings.alpha) * 100)}% interval of Δ`, 'p (Holm)');
  }
  head.push('verdict');
  return head;
}

function signed(pct: number): string {
  return formatDeltaPct(pct);
}

/** The interval of current − baseline, as percentages of the baseline when it is not 0. */
export function formatInterval(m: MetricComparison): string {
  if (m.interval === undefined) return MISSING;
  const base = m.baseline;
  if (base !== undefined && base !== 0) {
    return `[${signed((m.interval.low / Math.abs(base)) * 100)}, ${signed((m.interval.high / Math.abs(base)) * 100)}]`;
  }
  return `[${formatMetric(m.metric, m.interval.low)}, ${formatMetric(m.metric, m.interval.high)}]`;
}

/** One row per metric, cells already formatted; `verdict` is how the verdict is written. */
export function comparisonRow(
  comparison: Comparison,
  run: RunComparison,
  m: MetricComparison,
  verdict: (m: MetricComparison) => string,
): string[] {
  const row = [
    run.strategy,
    run.cellId,
    m.metric,
    formatMetric(m.metric, m.baseline),
    formatMetric(m.metric, m.current),
    formatDeltaPct(m.deltaPct),
  ];
  if (comparison.kind === 'statistical') row.push(formatInterval(m), formatPValue(m.adjustedPValue));
  row.push(verdict(m));
  return row;
}

/** `3 regressed, 1 improved, 36 unchanged, 0 inconclusive`. */
export function countsLine(comparison: Comparison): string {
  const c = comparison.counts;
  return `${c.regressed} regressed, ${c.improved} improved, ${c.unchanged} unchanged, ${c.inconclusive} inconclusive`;
}

/**
 * What the comparison says about runs on one side only: in head only (added), and in base only
 * (missing from head: a failure unless `--allow-missing`; no run in common is said as such).
 */
export function unmatchedLines(comparison: Comparison): string[] {
  const lines: string[] = [];
  if (comparison.runs.length === 0) {
    lines.push('nothing compared: base and head have no strategy and cell in common');
  }
  if (comparison.added.length > 0) lines.push(`only in head (added): ${runList(comparison.added)}`);
  if (comparison.removed.length > 0) {
    lines.push(
      comparison.settings.allowMissing
        ? `only in base (missing from head, allowed by --allow-missing): ${runList(comparison.removed)}`
        : `MISSING from head (in base only; fails the comparison, --allow-missing accepts it): ${runList(comparison.removed)}`,
    );
  }
  return lines;
}

/**
 * One line per run of base or head judged invalid (not a valid measurement: its metrics are not
 * judged and `bench compare` exits 3), with its reasons.
 */
export function invalidLines(comparison: Comparison): string[] {
  return comparison.invalid.map(
    (r) =>
      `INVALID measurement in ${r.side}: ${r.strategy} in ${r.cellId}: ${r.reasons.join('; ') || 'no reason given'}`,
  );
}

/** `retry in maxTokens=256, batched in maxTokens=1024`. */
export function runList(runs: readonly { strategy: string; cellId: string }[]): string {
  return runs.map((r) => `${r.strategy} in ${r.cellId}`).join(', ');
}
