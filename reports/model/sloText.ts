import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatDuration } from '../format.ts';
import { resolvedScenario } from './resolvedScenario.ts';

/**
 * The scenario's service-level objective for goodput, for people: `latency ≤ 5 s`,
 * `latency ≤ 5 s and TTFT ≤ 1 s`; undefined when the scenario sets no `slo:` (no goodput then).
 */
export function sloText(results: ResultsFile): string | undefined {
  const slo = resolvedScenario(results).slo;
  if (slo === undefined) return undefined;
  const parts = [
    slo.latencyMs === undefined ? '' : `latency ≤ ${formatDuration(slo.latencyMs)}`,
    slo.ttftMs === undefined ? '' : `TTFT ≤ ${formatDuration(slo.ttftMs)}`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? undefined : parts.join(' and ');
}
