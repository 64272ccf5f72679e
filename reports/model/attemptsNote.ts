import type { AttemptsSource, RunResult } from '../../harness/results/ResultsFile.ts';

/** How each source of a user module's attempts reads in a report. */
const SOURCE_TEXT: Record<AttemptsSource, string> = {
  mock: 'attempts counted at the mock',
  'http-client': 'attempts counted at the HTTP client (every request this process sent)',
  module: 'attempts reported by the module',
  'module+http-client': 'attempts reported by the module, counted at the HTTP client where it reported none',
};

/**
 * Where a run's retries came from, for user modules (built-in strategies count their own attempts
 * exactly and get no note): `retries of mine: attempts counted at the mock`.
 */
export function attemptsNote(run: RunResult): string | undefined {
  const attempts = run.metrics.attempts;
  if (attempts === undefined) return undefined;
  return `retries of ${run.strategy}: ${SOURCE_TEXT[attempts.source]}`;
}
