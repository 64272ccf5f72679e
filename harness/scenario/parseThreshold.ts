import { parseMetricValue, resolveMetric } from './metrics.ts';
import type { ThresholdSpec } from './types.ts';

export type ThresholdParse = { ok: true; spec: ThresholdSpec } | { ok: false; message: string };

const OPS: Readonly<Record<string, ThresholdSpec['op']>> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '≤': '<=',
  '≥': '>=',
};
const CHECK_RE = /^\s*([^\s<>≤≥]+)\s*(<=|>=|≤|≥|<|>)\s*(.*?)\s*$/;
const RELATIVE_RE = /^(\d+(?:\.\d+)?)\s*(?:[x×](?=\s)|\*)\s*(.+)$/;
const SYNTAX =
  'expected "METRIC OP VALUE" such as "p99 < 2s", "errorRate < 1%" or "p99 < 0.8 x direct" (OP: <, <=, >, >=)';

/**
 * Parses one threshold as written in a scenario's `thresholds:` list:
 * `p99 < 2s` (every strategy) or `STRATEGY: p99 < 2s` (one strategy: the name, a colon, the check).
 * Does not check that strategy names exist; the scenario loader does.
 */
export function parseThreshold(text: string): ThresholdParse {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return parseThresholdCheck(text, undefined, text);
  const strategy = text.slice(0, colon).trim();
  if (strategy === '') return { ok: false, message: `missing strategy name before ":" in "${text}"` };
  return parseThresholdCheck(text.slice(colon + 1), strategy, text);
}

/**
 * Parses a check `METRIC OP VALUE` for `strategy` (undefined: every strategy). VALUE is absolute
 * with the metric's units (`2s`, `500ms`, `1%`, `50/min`, `$0.50`, a plain number in the metric's
 * unit) or relative to another strategy in the same cell: `0.8 x direct`, `0.8x direct`,
 * `0.8 * direct`, or just `direct` (factor 1).
 */
export function parseThresholdCheck(
  check: string,
  strategy: string | undefined,
  source: string,
): ThresholdParse {
  const match = CHECK_RE.exec(check);
  if (match === null || match[3] === '') return { ok: false, message: `${SYNTAX}, got "${check.trim()}"` };
  const [, metricName = '', opText = '', valueText = ''] = match;
  const metric = resolveMetric(metricName);
  if (!metric.ok) return metric;
  const op = OPS[opText] as ThresholdSpec['op'];
  const base = { source, ...(strategy !== undefined ? { strategy } : {}), metric: metric.path, op };

  const relative = RELATIVE_RE.exec(valueText);
  if (relative !== null) {
    return {
      ok: true,
      spec: { ...base, value: Number(relative[1]), relativeTo: (relative[2] as string).trim() },
    };
  }
  const absolute = parseMetricValue(valueText, metric.unit, metricName);
  if (absolute.ok) return { ok: true, spec: { ...base, value: absolute.value } };
  if (/^[A-Za-z]/.test(valueText)) return { ok: true, spec: { ...base, value: 1, relativeTo: valueText } };
  return absolute;
}
