import type { ResultsFile, Verdicts } from '../../harness/results/ResultsFile.ts';
import { decideVerdicts } from '../../harness/verdict/decideVerdicts.ts';

/** The results' verdicts, decided now for files written before results.json kept them. */
export function verdictsOf(results: ResultsFile): Verdicts {
  return results.verdicts ?? decideVerdicts(results);
}

/** Short names of the objective's metrics: `thresholds, then goodput, then cost`. */
export function objectiveText(verdicts: Verdicts): string {
  const short: Record<string, string> = {
    'goodput.requestsPerMin': 'goodput',
    'throughput.requestsPerMin': 'throughput',
    'latencyMs.p99': 'p99',
    costUsd: 'cost',
  };
  return verdicts.objective.map((m) => short[m] ?? m).join(', then ');
}
