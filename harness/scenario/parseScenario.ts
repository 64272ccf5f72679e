import { basename, dirname, extname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { InputProblem } from '../../base/errors.ts';
import type { MockConfig } from '../../mocks/config/MockConfig.ts';
import { mockConfigSchema } from '../../mocks/config/MockConfig.ts';
import { MOCK_PRESETS, mergeConfig } from '../../mocks/config/presets.ts';
import { GATEWAY_PLACEHOLDERS, type GatewaySpec, unknownPlaceholders } from '../gateway/GatewaySpec.ts';
import type { StrategySpec } from '../strategies/options.ts';
import { DEFAULT_VALIDITY } from '../validity/judgeValidity.ts';
import { suggestion } from './didYouMean.ts';
import { resolveMetric } from './metrics.ts';
import { ProblemList, show } from './ProblemList.ts';
import { resolvePrices } from './resolvePrices.ts';
import { resolveStrategies } from './resolveStrategies.ts';
import { resolveReferences, resolveThresholds, type StrategyNames } from './resolveThresholds.ts';
import { isRecord, resolveWorkload } from './resolveWorkload.ts';
import {
  referenceSchema,
  type ScenarioParsed,
  scenarioSchema,
  strategyEntrySchema,
  thresholdEntrySchema,
} from './scenarioSchema.ts';
import type { ResolvedScenario, WorkloadSweep } from './types.ts';
import { YamlLocator } from './YamlLocator.ts';
import { parseInto } from './zodProblems.ts';

type Sections = { [K in keyof ScenarioParsed]?: ScenarioParsed[K] };

export interface ParseScenarioOptions {
  /** Environment variables `target.apiKeyEnv` is looked up in. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Receives problems of the environment rather than of the file, each at its line (today: the
   * variable `target.apiKeyEnv` names is unset or empty). `bench validate` prints them as
   * warnings; `bench run` refuses to start a realtime run on them. Default: ignored.
   */
  onEnvironmentProblem?: (problem: InputProblem) => void;
}

/**
 * Parses and validates a scenario (YAML text) into a ResolvedScenario: durations in ms, rates per
 * second, defaults applied, strategy variants expanded. `file` names the source in problems and
 * anchors relative paths (modules, prompt files); only their existence is checked on disk.
 * Throws one InputError listing every problem with its file:line:column and field path.
 */
export function parseScenario(
  text: string,
  file: string,
  options: ParseScenarioOptions = {},
): ResolvedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const problems = new ProblemList(file, new YamlLocator(doc, lineCounter));
  for (const error of doc.errors) {
    const position = error.linePos?.[0];
    const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    problems.addAt(
      position === undefined ? undefined : { line: position.line, column: position.col },
      `YAML syntax error: ${message}`,
    );
  }
  problems.throwIfAny();

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    problems.addAt(undefined, `YAML error: ${(error as Error).message}`);
    problems.throwIfAny();
  }
  if (!isRecord(raw)) {
    problems.add(
      [],
      raw === null || raw === undefined
        ? 'the file is empty; a scenario needs at least workload: { requests: 100 }'
        : `expected a mapping of scenario fields (name, workload, strategies, ...), got ${show(raw)}`,
    );
    problems.throwIfAny();
    throw new Error('unreachable');
  }
  const resolved = resolveSections(raw, file, problems);
  problems.throwIfAny();
  if (options.onEnvironmentProblem !== undefined && resolved.target !== undefined) {
    const environment = new ProblemList(file, new YamlLocator(doc, lineCounter));
    checkApiKey(
      resolved.target.apiKeyEnv,
      isRecord(raw.target) && raw.target.apiKeyEnv !== undefined,
      options.env ?? process.env,
      environment,
    );
    for (const problem of environment.list()) options.onEnvironmentProblem(problem);
  }
  return resolved as ResolvedScenario;
}

function resolveSections(
  raw: Record<string, unknown>,
  file: string,
  problems: ProblemList,
): Partial<ResolvedScenario> {
  const shape = scenarioSchema.shape;
  const known = Object.keys(shape);
  for (const key of Object.keys(raw)) {
    // `x-` keys hold YAML anchors to reuse (`x-base: &base {...}`), as in Compose files.
    if (!(key in shape) && !key.startsWith('x-')) {
      problems.add(
        [key],
        `unknown key "${key}"${suggestion(key, known)}; accepted: ${known.filter((k) => k !== '$schema').join(', ')}`,
        'key',
      );
    }
  }
  const sections: Sections = {};
  const failed = new Set<string>();
  for (const key of known as (keyof ScenarioParsed)[]) {
    const parsed = parseInto(shape[key], raw[key], [key], problems);
    if (parsed.ok) (sections as Record<string, unknown>)[key] = parsed.data;
    else failed.add(key);
  }

  const mode = sections.mode ?? 'simulated';
  if (sections.target !== undefined && mode === 'simulated') {
    problems.add(
      ['target'],
      'target is for realtime mode: set mode: realtime to call a real endpoint, or remove target to run against the simulated mock',
      'key',
    );
  }
  if (raw.mock !== undefined && raw.target !== undefined) {
    problems.add(
      ['mock'],
      'mock is unused when target is set (requests go to target.baseUrl); remove one of them',
      'key',
    );
  }

  let gateway: GatewaySpec | undefined;
  if (sections.gateway !== undefined) {
    gateway = resolveGateway(sections.gateway, file, problems);
    if (mode === 'simulated') {
      problems.add(
        ['gateway'],
        'gateway is for realtime mode (a real process on real time): set mode: realtime, or remove gateway',
        'key',
      );
    }
    if (sections.target !== undefined) {
      problems.add(
        ['gateway'],
        'gateway and target both say where requests go: a gateway gets the local mock as its upstream; remove one of them',
        'key',
      );
    }
  }

  const mockPreset = sections.mock?.preset ?? 'default';
  let mock: MockConfig | undefined;
  if (!failed.has('mock')) {
    const { preset: _preset, ...overrides } = isRecord(raw.mock) ? raw.mock : {};
    const merged = mergeConfig(MOCK_PRESETS[mockPreset]?.config ?? {}, overrides);
    const parsed = parseInto(mockConfigSchema, merged, ['mock'], problems);
    if (parsed.ok) mock = parsed.data;
  }

  const dir = dirname(resolve(file));
  let workload: WorkloadSweep | undefined;
  if (sections.workload !== undefined) {
    workload = resolveWorkload(sections.workload, isRecord(raw.workload) ? raw.workload : {}, dir, problems);
  }

  // List sections resolve item by item, so one bad entry does not hide the problems of the others.
  const rawStrategies = Array.isArray(raw.strategies) ? raw.strategies : [];
  const strategyEntries = failed.has('strategies')
    ? validItems(strategyEntrySchema, rawStrategies)
    : (sections.strategies ?? ['direct']);
  const resolvedStrategies = resolveStrategies(strategyEntries, rawStrategies, file, problems);
  if (mode === 'simulated') rejectConnectionPolicies(rawStrategies, problems);
  const strategies: StrategySpec[] | undefined = failed.has('strategies')
    ? undefined
    : resolvedStrategies.strategies;
  const names: StrategyNames = failed.has('strategies') ? undefined : resolvedStrategies.groups;

  let baseline = strategies?.[0]?.name;
  if (sections.baseline !== undefined && names !== undefined) {
    const all = [...names.values()].flat();
    const variants = names.get(sections.baseline);
    if (all.includes(sections.baseline)) baseline = sections.baseline;
    else if (variants !== undefined) {
      problems.add(
        ['baseline'],
        `"${sections.baseline}" has variants; name one of them: ${variants.join(', ')}`,
      );
    } else {
      problems.add(
        ['baseline'],
        `unknown strategy "${sections.baseline}"${suggestion(sections.baseline, all)}; strategies: ${all.join(', ')}`,
      );
    }
  }

  const thresholds = resolveThresholds(
    failed.has('thresholds') ? validItems(thresholdEntrySchema, raw.thresholds) : (sections.thresholds ?? []),
    names,
    workload,
    problems,
  );
  const references = resolveReferences(
    failed.has('references') ? validItems(referenceSchema, raw.references) : (sections.references ?? []),
    names,
    workload,
    problems,
  );
  const prices =
    failed.has('prices') || failed.has('workload')
      ? {}
      : resolvePrices(
          sections.prices,
          mock,
          sections.target === undefined,
          workload?.model ?? [],
          isRecordList(raw.workload),
          problems,
        );

  const slo = sections.slo;
  const objective = resolveObjective(sections.objective, problems);
  return {
    name: sections.name ?? basename(file, extname(file)),
    ...(sections.description !== undefined ? { description: sections.description } : {}),
    file: resolve(file),
    seed: sections.seed ?? 1,
    mode,
    ...(mock !== undefined ? { mock } : {}),
    mockPreset,
    ...(sections.target !== undefined
      ? {
          target: {
            baseUrl: sections.target.baseUrl,
            apiKeyEnv: sections.target.apiKeyEnv ?? 'ANTHROPIC_API_KEY',
          },
        }
      : {}),
    ...(sections.cooldown !== undefined ? { cooldownMs: sections.cooldown } : {}),
    ...(gateway !== undefined ? { gateway } : {}),
    ...(workload !== undefined ? { workload } : {}),
    ...(strategies !== undefined ? { strategies } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    thresholds,
    validity: {
      startLagP99Ms: sections.validity?.startLagP99 ?? DEFAULT_VALIDITY.startLagP99Ms,
      offeredRateTolerance: sections.validity?.offeredRateTolerance ?? DEFAULT_VALIDITY.offeredRateTolerance,
    },
    ...(slo !== undefined
      ? {
          slo: {
            ...(slo.latency !== undefined ? { latencyMs: slo.latency } : {}),
            ...(slo.ttft !== undefined ? { ttftMs: slo.ttft } : {}),
            ...(slo.session !== undefined ? { sessionMs: slo.session } : {}),
          },
        }
      : {}),
    ...(objective !== undefined ? { objective } : {}),
    ...(sections.timeSeries?.window !== undefined
      ? { timeSeries: { windowMs: sections.timeSeries.window } }
      : {}),
    prices,
    references,
  };
}

/**
 * The verdict's metrics: names as thresholds write them (`p99`, `cost`, `errorRate`, a results
 * path); `goodput` and `throughput` mean their rate a minute here, the figure the tables show.
 */
function resolveObjective(
  written: string | string[] | undefined,
  problems: ProblemList,
): string[] | undefined {
  if (written === undefined) return undefined;
  const list = typeof written === 'string' ? [written] : written;
  const paths: string[] = [];
  list.forEach((name, i) => {
    const at = typeof written === 'string' ? ['objective'] : ['objective', i];
    const resolved = resolveMetric(name);
    if (name.trim() === 'goodput') paths.push('goodput.requestsPerMin');
    else if (resolved.ok) paths.push(resolved.path);
    else problems.add(at, resolved.message);
  });
  return paths;
}

/** The API key a realtime run against `target` sends must be in the environment. */
function checkApiKey(
  name: string,
  written: boolean,
  env: Readonly<Record<string, string | undefined>>,
  problems: ProblemList,
): void {
  const value = env[name];
  if (value !== undefined && value !== '') return;
  problems.add(
    ['target', 'apiKeyEnv'],
    `the environment variable ${name}${written ? '' : ' (the default apiKeyEnv)'} is ${value === undefined ? 'not set' : 'empty'}: export it with your API key (bench run refuses to start without it)`,
    written ? 'value' : 'key',
  );
}

function isRecordList(workload: unknown): boolean {
  return isRecord(workload) && Array.isArray(workload.model);
}

/** The items of a list that failed validation as a whole, each parsed alone: undefined where invalid. */
function validItems<S extends z.ZodType>(schema: S, list: unknown): (z.output<S> | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const result = schema.safeParse(item);
    return result.success ? result.data : undefined;
  });
}

/**
 * `connection` chooses keep-alive or a connection per request for real sockets; a simulated run has
 * none, so the policy would silently change nothing. Say so where it is written.
 */
function rejectConnectionPolicies(rawStrategies: readonly unknown[], problems: ProblemList): void {
  rawStrategies.forEach((strategy, i) => {
    if (!isRecord(strategy) || !Array.isArray(strategy.use)) return;
    strategy.use.forEach((policy: unknown, j: number) => {
      if (policy === 'connection' || (isRecord(policy) && 'connection' in policy)) {
        problems.add(
          ['strategies', i, 'use', j],
          'the connection policy only applies to real sockets: use it with mode: realtime, or remove it (a simulated run has no connections)',
        );
      }
    });
  });
}

function resolveGateway(
  section: NonNullable<Sections['gateway']>,
  file: string,
  problems: ProblemList,
): GatewaySpec {
  const texts: [(string | number)[], string][] = [
    ...section.command.map((arg, i): [(string | number)[], string] => [['gateway', 'command', i], arg]),
    ...Object.entries(section.env ?? {}).map(([key, value]): [(string | number)[], string] => [
      ['gateway', 'env', key],
      value,
    ]),
    [['gateway', 'url'], section.url],
  ];
  for (const [where, text] of texts) {
    for (const name of unknownPlaceholders(text)) {
      problems.add(
        where,
        `unknown placeholder {{${name}}}; accepted: ${GATEWAY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
      );
    }
  }
  if (section.ready?.log !== undefined) {
    try {
      new RegExp(section.ready.log);
    } catch (error) {
      problems.add(['gateway', 'ready', 'log'], `not a regular expression: ${(error as Error).message}`);
    }
  }
  if (section.ready?.log !== undefined && section.ready.path !== undefined) {
    problems.add(['gateway', 'ready'], 'give path or log, not both: one readiness check');
  }
  const ready: GatewaySpec['ready'] = { timeoutMs: section.ready?.timeout ?? 10_000 };
  if (section.ready?.path !== undefined) ready.path = section.ready.path;
  if (section.ready?.log !== undefined) ready.log = section.ready.log;
  return {
    command: section.command,
    cwd: resolve(dirname(resolve(file)), section.cwd ?? '.'),
    env: section.env ?? {},
    url: section.url,
    ready,
    restart: section.restart ?? 'run',
    stopTimeoutMs: section.stopTimeout ?? 5000,
    baseline: section.baseline ?? 'none',
  };
}
