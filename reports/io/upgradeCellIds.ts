import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { cellIdOf } from '../../harness/scenario/expandMatrix.ts';

/** A cell id as it was written before rates had a unit in ids: every number, rates per second, to 6 significant digits. */
function legacyCellId(params: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(params)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value)}`,
    )
    .join(',');
}

/**
 * Gives the runs and thresholds of a results file written before cell ids showed a rate with its
 * unit (`rate=0.333333`) today's ids (`rate=20/min`), so `bench compare` and `bench merge` match
 * them with runs written since. Ids that are not the old form of their params are left alone.
 * Mutates and returns `results`.
 */
export function upgradeCellIds(results: ResultsFile): ResultsFile {
  const renamed = new Map<string, string>();
  for (const run of results.runs) {
    if (typeof run.params.rate !== 'number' || run.cellId !== legacyCellId(run.params)) continue;
    const id = cellIdOf(run.params);
    renamed.set(run.cellId, id);
    run.cellId = id;
  }
  if (renamed.size === 0) return results;
  for (const threshold of results.thresholds)
    threshold.cellId = renamed.get(threshold.cellId) ?? threshold.cellId;
  return results;
}
