/**
 * The verdict (results.json `verdicts`, docs/metrics.md "Verdicts"): in each matrix cell, which
 * strategy is best on the scenario's objective, and by how much against the baseline; across
 * cells, where the winner changes.
 */
import { formatDeltaPct } from '../../reports/format.ts';
import { SURVIVORS_MARK, survivorsOnly } from '../../reports/model/survivorsOnly.ts';
import type { CellVerdict, ResultsFile, RunResult, Verdicts } from '../results/ResultsFile.ts';
import { paramText } from '../scenario/expandMatrix.ts';
import { metricDirection, readMetric } from '../stats/metricPath.ts';

/** Values within this share of each other are equal on a criterion: the next one decides. */
export const TIE_TOLERANCE = 0.01;

/** The figures every verdict line compares to the baseline, after the objective's own. */
const SHOWN = ['latencyMs.p99', 'costUsd'];

/** Short names in verdict lines. */
const LABELS: Readonly<Record<string, string>> = {
  'goodput.requestsPerMin': 'goodput',
  'throughput.requestsPerMin': 'throughput',
  'latencyMs.p99': 'p99',
  'latencyMs.p50': 'p50',
  'latencyMs.mean': 'mean',
  costUsd: 'cost',
  errorRate: 'error rate',
};

function label(path: string): string {
  return LABELS[path] ?? path;
}

interface ScenarioBits {
  objective?: unknown;
  slo?: unknown;
  baseline?: unknown;
  strategies?: { name?: unknown }[];
}

/**
 * The objective's metric paths, in order: the scenario's `objective:`, else goodput a minute (with
 * an SLO; throughput a minute without one), then cost. Meeting the thresholds always comes first.
 */
export function objectiveOf(results: ResultsFile): string[] {
  const resolved = (results.scenario.resolved ?? {}) as ScenarioBits;
  if (Array.isArray(resolved.objective) && resolved.objective.every((m) => typeof m === 'string')) {
    return resolved.objective as string[];
  }
  const hasGoodput = results.runs.some((r) => r.metrics.goodput?.requestsPerMin !== undefined);
  return [hasGoodput ? 'goodput.requestsPerMin' : 'throughput.requestsPerMin', 'costUsd'];
}

/** Whether a run met every threshold on it (and is a valid measurement). */
function meetsThresholds(results: ResultsFile, run: RunResult): boolean {
  return (
    run.valid &&
    results.thresholds.every((t) => t.strategy !== run.strategy || t.cellId !== run.cellId || t.passed)
  );
}

/** Ranks `runs` on `objective` (each criterion keeps those within TIE_TOLERANCE of the best). */
function best(runs: readonly RunResult[], objective: readonly string[]): RunResult[] {
  let left = [...runs];
  for (const path of objective) {
    if (left.length < 2) break;
    const higher = metricDirection(path) === 'higher';
    const values = left.map((r) => readMetric(r.metrics, path));
    const measured = values.filter((v): v is number => v !== undefined);
    if (measured.length === 0) continue;
    const top = higher ? Math.max(...measured) : Math.min(...measured);
    const slack = Math.abs(top) * TIE_TOLERANCE;
    left = left.filter((_, i) => {
      const v = values[i];
      return v !== undefined && (higher ? v >= top - slack : v <= top + slack);
    });
  }
  return left;
}

/** Relative change (%) of `value` over `base`; undefined when either is missing or base is 0. */
function deltaPct(value: number | undefined, base: number | undefined): number | undefined {
  if (value === undefined || base === undefined || base === 0) return undefined;
  return ((value - base) / Math.abs(base)) * 100;
}

function cellName(run: RunResult): string {
  const entries = Object.entries(run.params);
  return entries.length === 0 ? 'the run' : entries.map(([k, v]) => `${k}=${paramText(k, v)}`).join(', ');
}

/** One cell's verdict. `runs` in the scenario's strategy order. */
function cellVerdict(
  results: ResultsFile,
  runs: readonly RunResult[],
  objective: readonly string[],
  baselineName: string | undefined,
): CellVerdict {
  const first = runs[0] as RunResult;
  const passing = runs.filter((r) => meetsThresholds(results, r));
  const pool = passing.length > 0 ? passing : runs.filter((r) => r.valid);
  const top = best(pool, objective);
  const baseline = runs.find((r) => r.strategy === baselineName) ?? first;
  const winner = top.length === 1 ? (top[0] as RunResult) : undefined;
  const kind: CellVerdict['kind'] =
    pool.length === 0
      ? 'no-valid-run'
      : passing.length === 0
        ? 'none-pass'
        : top.length > 1
          ? 'tie'
          : 'winner';
  // The primary criterion, then p99 and cost, then the rest of the objective.
  const paths = [...new Set([...objective.slice(0, 1), ...SHOWN, ...objective.slice(1)])];
  const verdict: CellVerdict = {
    cellId: first.cellId,
    params: first.params,
    kind,
    best: top.map((r) => r.strategy),
    baseline: baseline.strategy,
    vsBaseline: [],
    text: '',
  };
  if (winner !== undefined) {
    verdict.vsBaseline = paths.map((path) => {
      const value = readMetric(winner.metrics, path);
      const base = readMetric(baseline.metrics, path);
      const pct = deltaPct(value, base);
      return { metric: path, value: value ?? null, baseline: base ?? null, deltaPct: pct ?? null };
    });
  }
  const where = cellName(first);
  // A latency change against (or of) a run that lost over 5% of its requests compares survivors.
  const survivors = winner !== undefined && (survivorsOnly(winner) || survivorsOnly(baseline));
  const figures = verdict.vsBaseline
    .filter((d) => d.deltaPct !== null)
    .map((d) => {
      const mark = survivors && d.metric.startsWith('latencyMs.') ? ` ${SURVIVORS_MARK}` : '';
      return `${label(d.metric)} ${formatDeltaPct(d.deltaPct)}${mark}`;
    })
    .join(', ');
  const against =
    winner === undefined
      ? ''
      : winner.strategy === baseline.strategy
        ? ', the baseline, is best'
        : figures === ''
          ? ` vs ${baseline.strategy}`
          : `: ${figures} vs ${baseline.strategy}`;
  const on = objective.map(label).join(', then ');
  switch (kind) {
    case 'no-valid-run':
      verdict.text = `${where}: no verdict: no strategy made a valid measurement`;
      break;
    case 'none-pass':
      verdict.text = `${where}: no strategy meets the thresholds; ${top.length === 1 ? `best on ${on}` : `tied on ${on}`}: ${top.map((r) => r.strategy).join(', ')}${against}`;
      break;
    case 'tie':
      verdict.text = `${where}: tie between ${top.map((r) => r.strategy).join(' and ')} (within ${TIE_TOLERANCE * 100}% on ${on})`;
      break;
    default:
      verdict.text = `${where}: ${(winner as RunResult).strategy}${against}`;
  }
  return verdict;
}

/** Where the winner changes across cells, in a sentence or two. */
function summarize(cells: readonly CellVerdict[]): string {
  const decided = cells.filter((c) => c.kind === 'winner' || c.kind === 'none-pass');
  if (cells.length < 2) return '';
  const winnerOf = (c: CellVerdict): string =>
    c.best.length === 1 ? (c.best[0] as string) : `a tie (${c.best.join(', ')})`;
  const winners = [...new Set(cells.map(winnerOf))];
  if (winners.length === 1 && decided.length === cells.length) return `${winners[0]} wins in every cell.`;
  // One swept parameter that alone decides the winner reads as "a at x=1, b at x=2".
  const keys = Object.keys(cells[0]?.params ?? {});
  for (const key of keys) {
    const byValue = new Map<string, Set<string>>();
    for (const c of cells) {
      const value = paramText(key, c.params[key] as string | number | boolean);
      byValue.set(value, (byValue.get(value) ?? new Set()).add(winnerOf(c)));
    }
    if ([...byValue.values()].every((s) => s.size === 1) && byValue.size > 1) {
      const parts = [...byValue].map(([value, s]) => `${[...s][0]} at ${key}=${value}`);
      return `The winner changes with ${key}: ${parts.join(', ')}.`;
    }
  }
  const parts = winners.map((w) => {
    const where = cells.filter((c) => winnerOf(c) === w).map((c) => c.cellId);
    return `${w} in ${where.join('; ')}`;
  });
  return `The winner changes from cell to cell: ${parts.join('; ')}.`;
}

/** The verdicts of a results file: one per cell (cells in the results' order), and a summary. */
export function decideVerdicts(results: ResultsFile): Verdicts {
  const objective = objectiveOf(results);
  const resolved = (results.scenario.resolved ?? {}) as ScenarioBits;
  const declared = typeof resolved.baseline === 'string' ? resolved.baseline : undefined;
  const baseline = results.runs.some((r) => r.strategy === declared) ? declared : results.runs[0]?.strategy;
  const cells = new Map<string, RunResult[]>();
  for (const run of results.runs) cells.set(run.cellId, [...(cells.get(run.cellId) ?? []), run]);
  const verdicts = [...cells.values()].map((runs) => cellVerdict(results, runs, objective, baseline));
  return { objective: ['thresholds', ...objective], cells: verdicts, summary: summarize(verdicts) };
}
