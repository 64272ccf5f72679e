import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import type { ResolvedScenario } from '../../harness/scenario/types.ts';

/**
 * The resolved scenario stored in a results file, as far as it is there: results files outlive
 * the code that wrote them, so every field is optional to the renderers and read defensively.
 */
export function resolvedScenario(results: ResultsFile): Partial<ResolvedScenario> {
  const resolved = results.scenario.resolved;
  return typeof resolved === 'object' && resolved !== null && !Array.isArray(resolved)
    ? (resolved as Partial<ResolvedScenario>)
    : {};
}
