import type { ResultsFile, RunResult } from '../../harness/results/ResultsFile.ts';
import type { ReferenceFigure } from '../../harness/scenario/types.ts';
import { readMetric } from '../../harness/stats/metricPath.ts';
import { formatDeltaPct, formatMetric, MISSING } from '../format.ts';
import { resolvedScenario } from '../model/resolvedScenario.ts';
import { markdownTable } from './markdownTable.ts';

type ParamValue = string | number | boolean;

/** Values of parameters that do not sweep (one-element lists), so `{ maxTokens: 256 }` matches either way. */
function fixedParams(results: ResultsFile): Record<string, ParamValue> {
  const w = resolvedScenario(results).workload;
  const fixed: Record<string, ParamValue> = {};
  if (w === undefined) return fixed;
  const single = (name: string, values: readonly ParamValue[] | undefined): void => {
    if (values?.length === 1) fixed[name] = values[0] as ParamValue;
  };
  single('maxTokens', w.maxTokens);
  single('stream', w.stream);
  single('model', w.model);
  if (w.arrival?.type === 'closed') {
    single('concurrency', w.arrival.concurrency);
    single('thinkTimeMs', w.arrival.thinkTimeMs);
  } else if (w.arrival?.type === 'open') single('ratePerSec', w.arrival.ratePerSec);
  return fixed;
}

/** Runs a reference figure applies to: same strategy, and every parameter it names has its value. */
export function matchReference(
  reference: ReferenceFigure,
  runs: readonly RunResult[],
  fixed: Record<string, ParamValue> = {},
): RunResult[] {
  return runs.filter(
    (run) =>
      run.strategy === reference.strategy &&
      Object.entries(reference.params).every(([k, v]) => (run.params[k] ?? fixed[k]) === v),
  );
}

/** "Published vs measured": each reference figure next to the run(s) it describes, with the difference. */
export function referencesSection(results: ResultsFile): string {
  const references = resolvedScenario(results).references ?? [];
  if (references.length === 0) return '';
  const fixed = fixedParams(results);
  const rows: string[][] = [];
  for (const ref of references) {
    const params = Object.entries(ref.params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
    const label = [ref.source ?? '', ref.strategy, params || 'every cell', ref.metric];
    const runs = matchReference(ref, results.runs, fixed);
    if (runs.length === 0) {
      rows.push([...label, formatMetric(ref.metric, ref.value), 'not run', MISSING]);
      continue;
    }
    for (const run of runs) {
      const measured = readMetric(run.metrics, ref.metric);
      const diff =
        measured === undefined || ref.value === 0 ? undefined : ((measured - ref.value) / ref.value) * 100;
      const cell = runs.length > 1 ? ` (${run.cellId})` : '';
      rows.push([
        ...label,
        formatMetric(ref.metric, ref.value),
        `${formatMetric(ref.metric, measured)}${cell}`,
        formatDeltaPct(diff),
      ]);
    }
  }
  return `${markdownTable(['source', 'strategy', 'cell', 'metric', 'published', 'measured', 'difference'], rows, ['left', 'left', 'left', 'left', 'right', 'right', 'right'])}\n\nDifference = (measured − published) / published.\n`;
}
