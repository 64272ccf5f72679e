import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProblemList } from '../scenario/ProblemList.ts';
import type { ScenarioParsed } from '../scenario/scenarioSchema.ts';
import { SESSION_DEFAULTS, type SessionWorkload } from './SessionWorkload.ts';

type WorkloadParsed = ScenarioParsed['workload'];

/**
 * `workload.sessions` with defaults applied and its cross-field rules checked: sessions.count xor
 * workload.duration, no single-request fields beside it (requests, arrival, prompts, warmup), the
 * arrival fields that fit its type, tools generated or from a file that exists, a thinking budget
 * below every maxTokens. Problems go to `problems`; undefined when there were any.
 */
export function resolveSessions(
  workload: WorkloadParsed,
  dir: string,
  problems: ProblemList,
): SessionWorkload | undefined {
  const parsed = workload.sessions;
  if (parsed === undefined) return undefined;
  const before = problems.count;
  const at = (...path: PropertyKey[]) => ['workload', 'sessions', ...path];

  for (const key of ['requests', 'arrival', 'prompts', 'warmup'] as const) {
    if (workload[key] !== undefined) {
      problems.add(
        ['workload', key],
        `${key} applies to single requests; with sessions, use sessions.count (or duration), sessions.arrival and sessions.userTokens`,
        'key',
      );
    }
  }
  if (parsed.count !== undefined && workload.duration !== undefined) {
    problems.add(at('count'), 'give either sessions.count or workload.duration, not both');
  } else if (parsed.count === undefined && workload.duration === undefined) {
    problems.add(
      at(),
      'required: count (sessions to run, such as 100) or workload.duration (such as 10m)',
      'key',
    );
  }

  const arrivalIn = parsed.arrival ?? {};
  let arrival: SessionWorkload['arrival'] = {
    type: 'closed',
    concurrency: arrivalIn.concurrency ?? SESSION_DEFAULTS.concurrency,
  };
  if ((arrivalIn.type ?? 'closed') === 'closed') {
    if (arrivalIn.rate !== undefined) {
      problems.add(
        at('arrival', 'rate'),
        'rate applies to poisson arrivals; closed arrivals take concurrency',
        'key',
      );
    }
  } else {
    if (arrivalIn.concurrency !== undefined) {
      problems.add(
        at('arrival', 'concurrency'),
        'concurrency applies to closed arrivals; poisson arrivals take rate',
        'key',
      );
    }
    if (arrivalIn.rate === undefined) {
      problems.add(at('arrival', 'rate'), 'required for poisson arrivals: session starts such as 2/min');
    } else arrival = { type: 'poisson', ratePerSec: arrivalIn.rate };
  }

  const turnsIn = parsed.turns ?? { ...SESSION_DEFAULTS.turns };
  const turns: SessionWorkload['turns'] =
    'until' in turnsIn
      ? { type: 'untilNoToolUse', max: turnsIn.max }
      : { type: 'count', distribution: turnsIn };

  const toolsIn = parsed.tools ?? {};
  let tools: SessionWorkload['tools'] = {
    type: 'generated',
    count: toolsIn.count ?? SESSION_DEFAULTS.toolCount,
    tokens: toolsIn.tokens ?? SESSION_DEFAULTS.toolTokens,
  };
  if (toolsIn.file !== undefined) {
    for (const key of ['count', 'tokens'] as const) {
      if (toolsIn[key] !== undefined) {
        problems.add(
          at('tools', key),
          `${key} applies to generated tools; a tools file gives its own`,
          'key',
        );
      }
    }
    const path = resolve(dir, toolsIn.file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.add(
        at('tools', 'file'),
        `tools file not found: ${path} (relative paths start at the scenario's folder)`,
      );
    }
    tools = { type: 'file', path };
  }

  if (parsed.thinking !== undefined) {
    const maxTokens = Array.isArray(workload.maxTokens) ? workload.maxTokens : [workload.maxTokens ?? 0];
    for (const value of maxTokens) {
      if (value <= parsed.thinking) {
        problems.add(
          at('thinking'),
          `the thinking budget (${parsed.thinking}) must be below maxTokens (${value}): raise workload.maxTokens or lower sessions.thinking`,
        );
        break;
      }
    }
  }

  if (problems.count > before) return undefined;
  const resolved: SessionWorkload = {
    arrival,
    turns,
    tools,
    toolTimeMs: parsed.toolTime ?? { ...SESSION_DEFAULTS.toolTimeMs },
    thinkTimeMs: parsed.thinkTime ?? { ...SESSION_DEFAULTS.thinkTimeMs },
    toolResultTokens: parsed.toolResultTokens ?? { ...SESSION_DEFAULTS.toolResultTokens },
    userTokens: parsed.userTokens ?? { ...SESSION_DEFAULTS.userTokens },
  };
  if (parsed.count !== undefined) resolved.count = parsed.count;
  if (parsed.thinking !== undefined) resolved.thinkingBudgetTokens = parsed.thinking;
  return resolved;
}
