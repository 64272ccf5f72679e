import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import { paramText } from '../../harness/scenario/expandMatrix.ts';
import { resolvedScenario } from './resolvedScenario.ts';

/** The runs of one matrix cell, with the swept parameters' values there. */
export interface CellGroup {
  cellId: string;
  params: RunResult['params'];
  runs: RunResult[];
}

/** Runs grouped by cell, cells and runs in the order the results list them. */
export function groupByCell(runs: readonly RunResult[]): CellGroup[] {
  const cells = new Map<string, CellGroup>();
  for (const run of runs) {
    let cell = cells.get(run.cellId);
    if (cell === undefined) {
      cell = { cellId: run.cellId, params: run.params, runs: [] };
      cells.set(run.cellId, cell);
    }
    cell.runs.push(run);
  }
  return [...cells.values()];
}

/** Strategy names in the scenario's order, then any others in order of appearance. */
export function strategyOrder(results: ResultsFile): string[] {
  const declared = (resolvedScenario(results).strategies ?? []).map((s) => s.name);
  const seen = new Set(declared.filter((name) => results.runs.some((r) => r.strategy === name)));
  for (const run of results.runs) seen.add(run.strategy);
  return [...seen];
}

/** The strategy reports compare the others to: the scenario's `baseline`, else the first one run. */
export function baselineStrategy(results: ResultsFile): string | undefined {
  const declared = resolvedScenario(results).baseline;
  if (typeof declared === 'string' && results.runs.some((r) => r.strategy === declared)) return declared;
  return results.runs[0]?.strategy;
}

/** Names of the swept parameters, in order of first appearance. */
export function sweptKeys(runs: readonly RunResult[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.params)) keys.add(key);
  return [...keys];
}

/** A swept parameter's value as a short label, as in cell ids: `256`, `true`, `claude-sonnet-4-5`, `20/min`. */
export function paramLabel(key: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '–' : paramText(key, value);
}
