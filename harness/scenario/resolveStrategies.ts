import { dirname, resolve } from 'node:path';
import {
  type PolicySpec,
  type PolicyType,
  PRESET_STRATEGIES,
  type StrategySpec,
} from '../strategies/options.ts';
import { suggestion } from './didYouMean.ts';
import type { ProblemList } from './ProblemList.ts';
import { buildPolicy, LIST_VALUED_OPTIONS, POLICY_NAMES } from './policySchemas.ts';
import { isFile, isRecord, reportRepeats } from './resolveWorkload.ts';
import type { ScenarioParsed } from './scenarioSchema.ts';
import type { FieldPath } from './YamlLocator.ts';

type Entry = NonNullable<ScenarioParsed['strategies']>[number];

/** The strategies to compare, and what each name written in the file expanded to. */
export interface ResolvedStrategies {
  strategies: StrategySpec[];
  /** Name as written → the strategy names it became: itself, or its variants (`batched[size=5]`, ...). */
  groups: Map<string, string[]>;
}

/**
 * Policies in one strategy entry before its lists are expanded: each with its (validated) user
 * options and the options as written, for variant labels.
 */
interface Slot {
  type: PolicyType;
  options: Record<string, unknown>;
  raw: Record<string, unknown>;
  path: FieldPath;
  base?: PolicySpec['options'];
}

/**
 * Resolves `strategies:` into StrategySpecs. A list in a policy option (`batch: { size: [5, 10] }`)
 * makes one variant per value, named `<name>[size=5]`, `<name>[size=10]`; several lists make their
 * product, the first list outermost (`<name>[size=5,maxWait=100ms]`). Names must be unique.
 * Undefined entries (invalid ones, already reported) are skipped.
 */
export function resolveStrategies(
  entries: readonly (Entry | undefined)[],
  raws: readonly unknown[],
  file: string,
  problems: ProblemList,
): ResolvedStrategies {
  const strategies: StrategySpec[] = [];
  const groups = new Map<string, string[]>();
  const firstAt = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (entry === undefined) return;
    const path: FieldPath = ['strategies', index];
    const raw = raws[index];
    const made = resolveEntry(entry, isRecord(raw) ? raw : {}, path, file, problems);
    if (made === undefined) return;
    const written =
      typeof entry === 'string' ? entry : (entry.name ?? ('preset' in entry ? entry.preset : ''));
    for (const strategy of made) {
      const earlier = firstAt.get(strategy.name);
      if (earlier !== undefined) {
        const where = typeof entry !== 'string' && entry.name !== undefined ? [...path, 'name'] : path;
        problems.add(
          where,
          `duplicate strategy name "${strategy.name}" (strategies[${earlier}] has it too); give this one another name`,
        );
        continue;
      }
      firstAt.set(strategy.name, index);
      strategies.push(strategy);
    }
    groups.set(written, [...(groups.get(written) ?? []), ...made.map((s) => s.name)]);
  });
  return { strategies, groups };
}

function resolveEntry(
  entry: Entry,
  raw: Record<string, unknown>,
  path: FieldPath,
  file: string,
  problems: ProblemList,
): StrategySpec[] | undefined {
  if (typeof entry === 'string') {
    return [{ kind: 'policies', name: entry, policies: PRESET_STRATEGIES[entry] ?? [] }];
  }
  if ('module' in entry) {
    const modulePath = resolve(dirname(resolve(file)), entry.module);
    if (!isFile(modulePath)) {
      problems.add(
        [...path, 'module'],
        `module file not found: ${modulePath} (module paths are relative to the scenario file's folder)`,
      );
      return undefined;
    }
    return [
      {
        kind: 'module',
        name: entry.name,
        modulePath,
        ...(entry.options !== undefined ? { options: entry.options } : {}),
      },
    ];
  }
  const slots =
    'use' in entry ? useSlots(entry.use, raw.use, path, problems) : presetSlots(entry, raw, path, problems);
  if (slots === undefined) return undefined;
  const name = entry.name ?? ('preset' in entry ? entry.preset : '');
  return expandVariants(name, slots, problems);
}

function useSlots(
  use: Extract<Entry, { use: unknown }>['use'],
  rawUse: unknown,
  path: FieldPath,
  problems: ProblemList,
): Slot[] | undefined {
  const slots: Slot[] = [];
  let ok = true;
  use.forEach((item, index) => {
    const itemPath = [...path, 'use', index];
    if (typeof item === 'string') {
      slots.push({ type: item as PolicyType, options: {}, raw: {}, path: itemPath });
      return;
    }
    const keys = Object.keys(item).filter((key) => (item as Record<string, unknown>)[key] !== undefined);
    if (keys.length !== 1) {
      problems.add(
        itemPath,
        keys.length === 0
          ? `expected one policy such as { retry: { attempts: 3 } }; policies: ${POLICY_NAMES.join(', ')}`
          : `expected one policy per list item, got ${keys.join(', ')}; write each as its own item: - { ${keys[0]}: ... }`,
      );
      ok = false;
      return;
    }
    const type = keys[0] as PolicyType;
    const rawItem = Array.isArray(rawUse) && isRecord(rawUse[index]) ? rawUse[index] : {};
    slots.push(slot(type, (item as Record<string, unknown>)[type], rawItem[type], [...itemPath, type]));
  });
  return ok ? slots : undefined;
}

function presetSlots(
  entry: Extract<Entry, { preset: unknown }>,
  raw: Record<string, unknown>,
  path: FieldPath,
  problems: ProblemList,
): Slot[] | undefined {
  const policies = PRESET_STRATEGIES[entry.preset] ?? [];
  const slots: Slot[] = policies.map((policy) => ({
    type: policy.type,
    options: {},
    raw: {},
    path,
    base: policy.options,
  }));
  let ok = true;
  for (const type of POLICY_NAMES) {
    const options = (entry as Record<string, unknown>)[type];
    if (options === undefined) continue;
    const index = slots.findIndex((s) => s.type === type);
    if (index < 0) {
      const has = policies.map((p) => p.type).join(', ') || 'no policies';
      problems.add(
        [...path, type],
        `preset ${entry.preset} has no ${type} policy (it has ${has})${suggestion(
          type,
          policies.map((p) => p.type),
        )}; to add one, write { name, use: [...] }`,
        'key',
      );
      ok = false;
      continue;
    }
    const base = slots[index]?.base;
    slots[index] = {
      ...slot(type, options, raw[type], [...path, type]),
      ...(base !== undefined ? { base } : {}),
    };
  }
  return ok ? slots : undefined;
}

function slot(type: PolicyType, options: unknown, raw: unknown, path: FieldPath): Slot {
  // `timeout: 30s` is short for `timeout: { after: 30s }`.
  const rawOptions = type === 'timeout' && raw !== null && !isRecord(raw) ? { after: raw } : raw;
  return {
    type,
    options: isRecord(options) ? options : {},
    raw: isRecord(rawOptions) ? rawOptions : {},
    path,
  };
}

interface Axis {
  slot: number;
  key: string;
  label: string;
  values: readonly unknown[];
  written: readonly unknown[];
}

function expandVariants(name: string, slots: readonly Slot[], problems: ProblemList): StrategySpec[] {
  const axes: Axis[] = [];
  slots.forEach((s, index) => {
    for (const key of Object.keys(s.raw)) {
      const values = s.options[key];
      if (!Array.isArray(values) || LIST_VALUED_OPTIONS.has(key)) continue;
      reportRepeats(values, [...s.path, key], problems);
      const written = s.raw[key];
      axes.push({ slot: index, key, label: key, values, written: Array.isArray(written) ? written : values });
    }
  });
  for (const axis of axes) {
    if (axes.some((other) => other !== axis && other.key === axis.key))
      axis.label = `${slots[axis.slot]?.type}.${axis.key}`;
  }
  const out: StrategySpec[] = [];
  const choice = axes.map(() => 0);
  for (;;) {
    const policies = slots.map((s, index) => {
      const options = { ...s.options };
      axes.forEach((axis, a) => {
        if (axis.slot === index) options[axis.key] = axis.values[choice[a] as number];
      });
      return buildPolicy(s.type, options, s.base);
    });
    const labels = axes.map((axis, a) => `${axis.label}=${String(axis.written[choice[a] as number])}`);
    out.push({
      kind: 'policies',
      name: labels.length === 0 ? name : `${name}[${labels.join(',')}]`,
      policies,
    });
    // Odometer: the last axis turns fastest, so the first declared is the outermost loop.
    let a = axes.length - 1;
    while (a >= 0 && (choice[a] as number) + 1 >= (axes[a]?.values.length ?? 0)) {
      choice[a] = 0;
      a--;
    }
    if (a < 0) break;
    choice[a] = (choice[a] as number) + 1;
  }
  return out;
}
