import type { ResultsFile } from '../harness/results/ResultsFile.ts';

/** The results file itself, pretty-printed (NaN, e.g. an unmeasured threshold value, becomes null). */
export function renderJson(results: ResultsFile): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
