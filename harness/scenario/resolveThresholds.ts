import { parseDurationMs, parseRatePerSec } from '../../base/units/units.ts';
import { suggestion } from './didYouMean.ts';
import { paramText, sweptValues } from './expandMatrix.ts';
import { parseMetricValue, resolveMetric } from './metrics.ts';
import type { ProblemList } from './ProblemList.ts';
import { parseThreshold, parseThresholdCheck, type ThresholdParse } from './parseThreshold.ts';
import type { ScenarioParsed } from './scenarioSchema.ts';
import type { ReferenceFigure, SweepAxis, ThresholdSpec, WorkloadSweep } from './types.ts';
import type { FieldPath } from './YamlLocator.ts';

/**
 * Strategy names known to the checks: `groups` maps a name as written to what it became (itself,
 * or its variants). Undefined when the strategies were invalid: names are then not checked.
 */
export type StrategyNames = ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The strategies a name in a threshold or reference applies to: itself, or every variant of a
 * strategy with variants. Undefined (with a problem) when the name is unknown.
 */
function strategiesNamed(name: string, names: StrategyNames, path: FieldPath, problems: ProblemList) {
  if (names === undefined) return [name];
  const all = [...names.values()].flat();
  if (all.includes(name)) return [name];
  const variants = names.get(name);
  if (variants !== undefined) return variants;
  problems.add(
    path,
    `unknown strategy "${name}"${suggestion(name, [...all, ...names.keys()])}; strategies: ${all.join(', ')}`,
  );
  return undefined;
}

/** A strategy to compare with must be one run: a variant, not the family. */
function checkOneStrategy(
  name: string,
  names: StrategyNames,
  path: FieldPath,
  problems: ProblemList,
): boolean {
  if (names === undefined) return true;
  const all = [...names.values()].flat();
  if (all.includes(name)) return true;
  const variants = names.get(name);
  if (variants !== undefined) {
    problems.add(path, `"${name}" has variants; name one of them: ${variants.join(', ')}`);
  } else {
    problems.add(path, `unknown strategy "${name}"${suggestion(name, all)}; strategies: ${all.join(', ')}`);
  }
  return false;
}

/**
 * `thresholds:` into ThresholdSpecs. Entries: `"p99 < 2s"` (every strategy), `"retry: errorRate < 1%"`
 * or `{ retry: "errorRate < 1%" }` (one strategy), or `{ strategy: retry, check: "errorRate < 1%" }`.
 * A threshold on a strategy with variants applies to each variant.
 */
export function resolveThresholds(
  entries: readonly (NonNullable<ScenarioParsed['thresholds']>[number] | undefined)[],
  names: StrategyNames,
  workload: WorkloadSweep | undefined,
  problems: ProblemList,
): ThresholdSpec[] {
  const out: ThresholdSpec[] = [];
  entries.forEach((entry, index) => {
    if (entry === undefined) return;
    const path: FieldPath = ['thresholds', index];
    let parsed: ThresholdParse;
    let strategyPath = path;
    let checkPath = path;
    let params: Record<string, string | number | boolean> | undefined;
    if (typeof entry === 'string') {
      parsed = parseThreshold(entry);
    } else {
      const keys = Object.keys(entry);
      if (keys.every((key) => key === 'strategy' || key === 'check' || key === 'params')) {
        const check = entry.check;
        if (typeof check !== 'string') {
          problems.add([...path, 'check'], 'required: a check such as "p99 < 2s"');
          return;
        }
        const strategy = typeof entry.strategy === 'string' ? entry.strategy : undefined;
        strategyPath = [...path, 'strategy'];
        checkPath = [...path, 'check'];
        if (typeof entry.params === 'object' && entry.params !== null) {
          const before = problems.count;
          params = {};
          for (const [key, written] of Object.entries(entry.params)) {
            const param = resolveParam(key, written, workload, [...path, 'params', key], problems);
            if (param !== undefined) params[param.key] = param.value;
          }
          if (problems.count > before) return;
        }
        const where =
          params === undefined
            ? ''
            : ` [${Object.entries(params)
                .map(([k, v]) => `${k}=${paramText(k, v)}`)
                .join(',')}]`;
        const source = (strategy === undefined ? check : `${strategy}: ${check}`) + where;
        parsed = parseThresholdCheck(check, strategy, source);
      } else if (keys.length === 1) {
        const strategy = keys[0] as string;
        strategyPath = [...path, strategy];
        checkPath = [...path, strategy];
        const check = String((entry as Record<string, unknown>)[strategy]);
        parsed = parseThresholdCheck(check, strategy, `${strategy}: ${check}`);
      } else {
        for (const key of keys.filter((k) => k !== 'strategy' && k !== 'check' && k !== 'params')) {
          problems.add(
            [...path, key],
            `unknown key "${key}"${suggestion(key, ['strategy', 'check', 'params'])}; a threshold mapping is { strategy, check, params } or { <strategy>: <check> }`,
            'key',
          );
        }
        return;
      }
    }
    if (!parsed.ok) {
      problems.add(checkPath, parsed.message);
      return;
    }
    const spec: ThresholdSpec = params === undefined ? parsed.spec : { ...parsed.spec, params };
    if (spec.relativeTo !== undefined && !checkOneStrategy(spec.relativeTo, names, checkPath, problems))
      return;
    if (spec.strategy === undefined) {
      out.push(spec);
      return;
    }
    const targets = strategiesNamed(spec.strategy, names, strategyPath, problems);
    for (const strategy of targets ?? []) out.push({ ...spec, strategy });
  });
  return out;
}

/** Keys a reference's `params` may use, → the cell param they mean. */
const PARAM_KEYS: Readonly<Record<string, SweepAxis>> = {
  concurrency: 'concurrency',
  rate: 'rate',
  thinkTime: 'thinkTimeMs',
  thinkTimeMs: 'thinkTimeMs',
  maxTokens: 'maxTokens',
  stream: 'stream',
  model: 'model',
};

/**
 * `references:` into ReferenceFigures. `params` keys must be swept by the workload and their values
 * among the swept values (`rate` as 2/s or per second, `thinkTime` as a duration).
 */
export function resolveReferences(
  entries: readonly (NonNullable<ScenarioParsed['references']>[number] | undefined)[],
  names: StrategyNames,
  workload: WorkloadSweep | undefined,
  problems: ProblemList,
): ReferenceFigure[] {
  const out: ReferenceFigure[] = [];
  entries.forEach((entry, index) => {
    if (entry === undefined) return;
    const path: FieldPath = ['references', index];
    const before = problems.count;
    const strategies = strategiesNamed(entry.strategy, names, [...path, 'strategy'], problems);
    const metric = resolveMetric(entry.metric);
    let value: number | undefined;
    if (!metric.ok) problems.add([...path, 'metric'], metric.message);
    else {
      const parsed = parseMetricValue(entry.value, metric.unit, entry.metric);
      if (parsed.ok) value = parsed.value;
      else problems.add([...path, 'value'], parsed.message);
    }
    const params: Record<string, string | number | boolean> = {};
    for (const [key, written] of Object.entries(entry.params ?? {})) {
      const param = resolveParam(key, written, workload, [...path, 'params', key], problems);
      if (param !== undefined) params[param.key] = param.value;
    }
    if (problems.count > before || strategies === undefined || !metric.ok || value === undefined) return;
    for (const strategy of strategies) {
      out.push({
        strategy,
        params,
        metric: metric.path,
        value,
        ...(entry.source !== undefined ? { source: entry.source } : {}),
      });
    }
  });
  return out;
}

function resolveParam(
  key: string,
  written: string | number | boolean,
  workload: WorkloadSweep | undefined,
  path: FieldPath,
  problems: ProblemList,
): { key: SweepAxis; value: string | number | boolean } | undefined {
  if (workload === undefined) return undefined;
  const axes = workload.axes ?? [];
  const axis = PARAM_KEYS[key];
  if (axis === undefined || !axes.includes(axis)) {
    const swept = axes.length === 0 ? 'nothing sweeps in this workload' : `swept: ${axes.join(', ')}`;
    problems.add(path, `"${key}" is not a swept parameter${suggestion(key, axes)}; ${swept}`, 'key');
    return undefined;
  }
  let value: string | number | boolean | undefined = written;
  if (typeof written === 'string' && axis === 'rate') value = parseRatePerSec(written);
  if (typeof written === 'string' && axis === 'thinkTimeMs') value = parseDurationMs(written);
  const values = sweptValues(workload, axis);
  if (value === undefined || !values.some((v) => v === value)) {
    problems.add(
      path,
      `${JSON.stringify(written)} is not a value of the ${key} sweep (${values.join(', ')})`,
    );
    return undefined;
  }
  return { key: axis, value };
}
