import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatDuration, formatGiB } from '../format.ts';
import { attemptsNote } from '../model/attemptsNote.ts';

/** The exact definition of every figure in the report (../shared/reference/metrics.md). */
export const METRIC_DEFINITIONS: readonly string[] = [
  'latency (end-to-end): completion time − intended start time, over successful requests; includes client queueing, batch wait, retries and backoff sleeps. Percentiles are exact nearest-rank values over the run’s samples (p99 = the smallest sample with at least 99% of samples at or below it); failed requests are counted separately, never mixed in.',
  'TTFT: first content token received − intended start time (streams only).',
  'ITL: (end-to-end − TTFT) / (output tokens − 1), per request.',
  'req/min (throughput): successful logical requests / (last completion − first intended start) × 60 000 ms.',
  'error rate: failed logical requests / all logical requests (warm-up excluded).',
  'retries: upstream HTTP calls − first attempts (per logical request: attempts − 1). Built-in strategies count their own attempts; a user module’s are counted at the mock (simulated), at the HTTP client (realtime), or reported by the module (`attempts`, against a target), as noted below.',
  'cache hits: requests answered from the cache / all requests.',
  'cost (USD): input and output tokens billed (the API’s `usage`; against a target, the `usage` a user module returned) × the scenario’s price per million tokens.',
  'ratio (×): the figure / the baseline strategy’s figure in the same cell.',
];

/** The definition of goodput, listed when the scenario sets an SLO (else there is no goodput column). */
export const GOODPUT_DEFINITION =
  'goodput/min: successful logical requests that met the scenario’s SLO (`slo:`), per minute over the same window as req/min.';

/** Metric definitions, then (unless `environment` is false) the environment and tool version the run happened on. */
export function footnotes(results: ResultsFile, environment = true): string {
  const e = results.environment;
  const durationMs = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
  const env = [
    `${results.tool.name} ${results.tool.version}`,
    `Node ${e.node}`,
    `${e.platform} ${e.arch}`,
    `${e.cpu} (${e.cores} cores, ${formatGiB(e.memoryBytes)})`,
    `started ${results.startedAt}, took ${Number.isFinite(durationMs) ? formatDuration(durationMs) : 'unknown'} of wall time`,
  ].join(' · ');
  const scenarioFile =
    results.scenario.file === undefined ? '' : `Scenario file: \`${results.scenario.file}\``;
  const notes = [...new Set(results.runs.map(attemptsNote).filter((n) => n !== undefined))];
  return [
    '## Definitions',
    '',
    ...METRIC_DEFINITIONS.map((d) => `- ${d}`),
    ...(results.runs.some((r) => r.metrics.goodput !== undefined) ? [`- ${GOODPUT_DEFINITION}`] : []),
    ...notes.map((n) => `- ${n}.`),
    '',
    ...(environment
      ? ['## Environment', '', env, scenarioFile === '' ? '' : `\n${scenarioFile}`]
      : [scenarioFile]),
  ].join('\n');
}
