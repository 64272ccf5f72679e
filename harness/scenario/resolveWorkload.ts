import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../base/errors.ts';
import { resolveSessions } from '../sessions/resolveSessions.ts';
import { toList } from './fields.ts';
import type { ProblemList } from './ProblemList.ts';
import { readPromptFile } from './readPromptFile.ts';
import type { ScenarioParsed } from './scenarioSchema.ts';
import type { PromptSource, SweepAxis, WorkloadSweep } from './types.ts';

/** Defaults of the workload fields a scenario leaves out. */
export const WORKLOAD_DEFAULTS = {
  concurrency: 1,
  thinkTimeMs: 0,
  maxTokens: 256,
  stream: false,
  model: 'claude-sonnet-4-6',
  uniquePrompts: 100,
  zipfExponent: 1,
  inputTokens: { type: 'lognormal', median: 200, sigma: 0.5 },
} as const;

type WorkloadParsed = ScenarioParsed['workload'];

/**
 * The workload section with defaults applied and the cross-field rules checked (requests xor
 * duration, arrival fields that fit the arrival type, prompt file existence, no repeated values in
 * a sweep). Problems go to `problems`; the result is undefined when there were any here.
 */
export function resolveWorkload(
  parsed: WorkloadParsed,
  raw: Record<string, unknown>,
  dir: string,
  problems: ProblemList,
): WorkloadSweep | undefined {
  const before = problems.count;
  const at = (...path: PropertyKey[]) => ['workload', ...path];

  const sessions = resolveSessions(parsed, dir, problems);
  if (parsed.sessions !== undefined) {
    // resolveSessions checked count xor duration and the fields that do not apply.
  } else if (parsed.requests !== undefined && parsed.duration !== undefined) {
    problems.add(at('duration'), 'give either requests or duration, not both');
  } else if (parsed.requests === undefined && parsed.duration === undefined) {
    problems.add(at(), 'required: requests (a number such as 2000) or duration (such as 10m)', 'key');
  }

  const arrival = parsed.arrival ?? {};
  const type = arrival.type ?? 'closed';
  const rawArrival = isRecord(raw.arrival) ? raw.arrival : {};
  if (type === 'closed') {
    for (const key of ['rate', 'maxConcurrency'] as const) {
      if (arrival[key] !== undefined) {
        problems.add(
          at('arrival', key),
          `${key} applies to open arrivals (type: poisson or constant); closed arrivals take concurrency and thinkTime`,
          'key',
        );
      }
    }
  } else {
    for (const key of ['concurrency', 'thinkTime'] as const) {
      if (arrival[key] !== undefined) {
        problems.add(
          at('arrival', key),
          `${key} applies to closed arrivals; ${type} arrivals take rate and maxConcurrency`,
          'key',
        );
      }
    }
    if (arrival.rate === undefined) {
      problems.add(at('arrival', 'rate'), `required for ${type} arrivals: a rate such as 2/s or 120/min`);
    }
  }

  const concurrency = toList(arrival.concurrency ?? WORKLOAD_DEFAULTS.concurrency);
  const thinkTimeMs = toList(arrival.thinkTime ?? WORKLOAD_DEFAULTS.thinkTimeMs);
  const ratePerSec = toList(arrival.rate ?? []);
  const maxTokens = toList(parsed.maxTokens ?? WORKLOAD_DEFAULTS.maxTokens);
  const stream = toList(parsed.stream ?? WORKLOAD_DEFAULTS.stream);
  const model = toList(parsed.model ?? WORKLOAD_DEFAULTS.model);
  const lists: [PropertyKey[], readonly unknown[]][] = [
    [at('arrival', 'concurrency'), concurrency],
    [at('arrival', 'thinkTime'), thinkTimeMs],
    [at('arrival', 'rate'), ratePerSec],
    [at('maxTokens'), maxTokens],
    [at('stream'), stream],
    [at('model'), model],
  ];
  for (const [path, values] of lists) reportRepeats(values, path, problems);

  if (parsed.system !== undefined && parsed.systemTokens !== undefined) {
    problems.add(
      at('systemTokens'),
      'give either system (a text) or systemTokens (a generated one), not both',
    );
  }

  const prompts = resolvePrompts(parsed.prompts ?? {}, dir, problems);

  const axes: SweepAxis[] = [];
  for (const key of Object.keys(raw)) {
    if (key === 'arrival') {
      for (const arrivalKey of Object.keys(rawArrival)) {
        if (!Array.isArray(rawArrival[arrivalKey])) continue;
        if (arrivalKey === 'concurrency' && type === 'closed') axes.push('concurrency');
        if (arrivalKey === 'thinkTime' && type === 'closed') axes.push('thinkTimeMs');
        if (arrivalKey === 'rate' && type !== 'closed') axes.push('rate');
      }
    } else if ((key === 'maxTokens' || key === 'stream' || key === 'model') && Array.isArray(raw[key])) {
      axes.push(key);
    }
  }

  if (problems.count > before || prompts === undefined) return undefined;
  return {
    ...(parsed.requests !== undefined ? { requests: parsed.requests } : {}),
    ...(parsed.duration !== undefined ? { durationMs: parsed.duration } : {}),
    warmupRequests: parsed.warmup !== undefined && 'requests' in parsed.warmup ? parsed.warmup.requests : 0,
    warmupMs: parsed.warmup !== undefined && 'ms' in parsed.warmup ? parsed.warmup.ms : 0,
    arrival:
      type === 'closed'
        ? { type: 'closed', concurrency, thinkTimeMs }
        : {
            type: 'open',
            process: type,
            ratePerSec,
            ...(arrival.maxConcurrency !== undefined ? { maxConcurrency: arrival.maxConcurrency } : {}),
          },
    prompts,
    maxTokens,
    stream,
    model,
    ...(parsed.system !== undefined ? { system: parsed.system } : {}),
    ...(parsed.systemTokens !== undefined ? { systemTokens: parsed.systemTokens } : {}),
    ...(parsed.temperature !== undefined ? { temperature: parsed.temperature } : {}),
    ...(sessions !== undefined ? { sessions } : {}),
    axes,
  };
}

function resolvePrompts(
  prompts: NonNullable<WorkloadParsed['prompts']>,
  dir: string,
  problems: ProblemList,
): PromptSource | undefined {
  const popularity =
    prompts.popularity === undefined || prompts.popularity === 'zipf'
      ? { type: 'zipf' as const, exponent: WORKLOAD_DEFAULTS.zipfExponent }
      : typeof prompts.popularity === 'string'
        ? { type: prompts.popularity }
        : prompts.popularity;
  if (prompts.file === undefined) {
    return {
      type: 'generated',
      unique: prompts.unique ?? WORKLOAD_DEFAULTS.uniquePrompts,
      popularity,
      inputTokens: prompts.inputTokens ?? { ...WORKLOAD_DEFAULTS.inputTokens },
    };
  }
  let ok = true;
  for (const key of ['unique', 'inputTokens'] as const) {
    if (prompts[key] !== undefined) {
      problems.add(
        ['workload', 'prompts', key],
        `${key} applies to generated prompts; a prompt file gives its own`,
        'key',
      );
      ok = false;
    }
  }
  const path = resolve(dir, prompts.file);
  if (!isFile(path)) {
    problems.add(
      ['workload', 'prompts', 'file'],
      `prompt file not found: ${path} (relative paths start at the scenario's folder)`,
    );
    ok = false;
  } else if (!checkPromptFile(path, problems)) ok = false;
  return ok ? { type: 'file', path, popularity } : undefined;
}

/** Bad lines of a prompt file shown at most; the rest are counted. */
const MAX_PROMPT_FILE_PROBLEMS = 5;

/**
 * Reads the prompt file as a run would, and reports each bad line at the scenario's
 * `workload.prompts.file`, naming the prompt file and its line (`prompts.jsonl:3: not valid JSON`).
 */
function checkPromptFile(path: string, problems: ProblemList): boolean {
  try {
    readPromptFile(path);
    return true;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const found = error.problems;
    for (const problem of found.slice(0, MAX_PROMPT_FILE_PROBLEMS)) {
      const where = problem.line === undefined ? path : `${path}:${problem.line}`;
      problems.add(['workload', 'prompts', 'file'], `${where}: ${problem.message}`);
    }
    if (found.length > MAX_PROMPT_FILE_PROBLEMS) {
      problems.add(
        ['workload', 'prompts', 'file'],
        `${path}: ${found.length - MAX_PROMPT_FILE_PROBLEMS} more bad lines`,
      );
    }
    return false;
  }
}

/** Adds a problem at each value of a sweep list that repeats an earlier one (it would repeat a cell). */
export function reportRepeats(values: readonly unknown[], path: PropertyKey[], problems: ProblemList): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const key = JSON.stringify(value);
    if (seen.has(key))
      problems.add([...path, index], `${key} appears twice in the list; each value is one run`);
    seen.add(key);
  });
}

export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
