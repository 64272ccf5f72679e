import { formatRatePerSec } from '../../base/units/units.ts';
import type { Arrival, MatrixCell, ResolvedScenario, SweepAxis, Workload, WorkloadSweep } from './types.ts';

/** Axis order when a WorkloadSweep does not record the order its file declared them in. */
const DEFAULT_AXES: readonly SweepAxis[] = [
  'concurrency',
  'rate',
  'thinkTimeMs',
  'maxTokens',
  'stream',
  'model',
];

/**
 * The matrix of a scenario: the cartesian product of its swept fields, the first axis outermost
 * (the order `workload.axes` records, i.e. as declared in the file), each cell with an id such as
 * `maxTokens=256,concurrency=5` (`default` when nothing sweeps) and `params` holding only the swept
 * fields. Pure and deterministic: the same scenario always gives the same cells in the same order.
 */
export function expandMatrix(scenario: Pick<ResolvedScenario, 'workload'>): MatrixCell[] {
  const sweep = scenario.workload;
  const axes = matrixAxes(sweep);
  const values = axes.map((axis) => sweptValues(sweep, axis));
  const cells: MatrixCell[] = [];
  const choice = axes.map(() => 0);
  for (;;) {
    const params: Record<string, string | number | boolean> = {};
    axes.forEach((axis, a) => {
      params[axis] = values[a]?.[choice[a] as number] as string | number | boolean;
    });
    cells.push({ id: cellIdOf(params), params, workload: cellWorkload(sweep, params) });
    let a = axes.length - 1;
    while (a >= 0 && (choice[a] as number) + 1 >= (values[a]?.length ?? 0)) {
      choice[a] = 0;
      a--;
    }
    if (a < 0) return cells;
    choice[a] = (choice[a] as number) + 1;
  }
}

/**
 * The axes that sweep, outermost first: those `axes` names (when they apply to the arrival type),
 * then any other field holding several values, so no value is ever dropped.
 */
export function matrixAxes(sweep: WorkloadSweep): SweepAxis[] {
  const applies = (axis: SweepAxis) => sweptValues(sweep, axis).length > 0;
  const declared = (sweep.axes ?? []).filter(applies);
  const rest = DEFAULT_AXES.filter((axis) => !declared.includes(axis) && sweptValues(sweep, axis).length > 1);
  return [...new Set([...declared, ...rest])];
}

function cellWorkload(sweep: WorkloadSweep, params: Record<string, string | number | boolean>): Workload {
  const pick = <T>(axis: SweepAxis, list: readonly T[]): T => (axis in params ? params[axis] : list[0]) as T;
  const source = sweep.arrival;
  const arrival: Arrival =
    source.type === 'closed'
      ? {
          type: 'closed',
          concurrency: pick('concurrency', source.concurrency),
          thinkTimeMs: pick('thinkTimeMs', source.thinkTimeMs),
        }
      : {
          type: 'open',
          process: source.process,
          ratePerSec: pick('rate', source.ratePerSec),
          ...(source.maxConcurrency !== undefined ? { maxConcurrency: source.maxConcurrency } : {}),
        };
  return {
    ...(sweep.requests !== undefined ? { requests: sweep.requests } : {}),
    ...(sweep.durationMs !== undefined ? { durationMs: sweep.durationMs } : {}),
    warmupRequests: sweep.warmupRequests,
    warmupMs: sweep.warmupMs,
    arrival,
    prompts: sweep.prompts,
    maxTokens: pick('maxTokens', sweep.maxTokens),
    stream: pick('stream', sweep.stream),
    model: pick('model', sweep.model),
    ...(sweep.system !== undefined ? { system: sweep.system } : {}),
    ...(sweep.systemTokens !== undefined ? { systemTokens: sweep.systemTokens } : {}),
    ...(sweep.temperature !== undefined ? { temperature: sweep.temperature } : {}),
    ...(sweep.sessions !== undefined ? { sessions: sweep.sessions } : {}),
  };
}

/**
 * A cell's id from its swept parameters, in their order: `maxTokens=256,rate=20/min`; `default`
 * when nothing sweeps. Results files key runs on it (`bench compare`, `bench merge`).
 */
export function cellIdOf(params: Readonly<Record<string, string | number | boolean>>): string {
  const keys = Object.keys(params);
  if (keys.length === 0) return 'default';
  return keys.map((key) => `${key}=${paramText(key, params[key])}`).join(',');
}

/**
 * A swept parameter's value as cell ids and reports show it: a rate (per second in `params`) in
 * the unit that gives a short exact number (`20/min`, `2/s`, see `formatRatePerSec`), other numbers
 * with at most 6 significant digits, anything else as it is.
 */
export function paramText(key: string, value: string | number | boolean | undefined): string {
  if (typeof value !== 'number') return String(value);
  return key === 'rate' ? formatRatePerSec(value) : String(Number(value.toPrecision(6)));
}

/** The values a workload sweeps for one axis. */
export function sweptValues(
  workload: WorkloadSweep,
  axis: SweepAxis,
): readonly (string | number | boolean)[] {
  const arrival = workload.arrival;
  switch (axis) {
    case 'concurrency':
      return arrival.type === 'closed' ? arrival.concurrency : [];
    case 'thinkTimeMs':
      return arrival.type === 'closed' ? arrival.thinkTimeMs : [];
    case 'rate':
      return arrival.type === 'open' ? arrival.ratePerSec : [];
    case 'maxTokens':
      return workload.maxTokens;
    case 'stream':
      return workload.stream;
    case 'model':
      return workload.model;
  }
}
