import type { z } from 'zod';
import { suggestion } from './didYouMean.ts';
import { type ProblemList, show } from './ProblemList.ts';
import type { FieldPath } from './YamlLocator.ts';

type Issue = z.core.$ZodIssue;

/** Marks a union whose schema gave no message of its own (then the branches explain). */
const UNION_WITHOUT_MESSAGE = '\u0000union';

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
};

/** A validated value, or the fact that it was invalid (its problems went to the list). */
export type Parsed<T> = { ok: true; data: T } | { ok: false };

/** Validates `value` with `schema`, adding every issue to `problems` as found under `path`. */
export function parseInto<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: FieldPath,
  problems: ProblemList,
): Parsed<z.output<S>> {
  const knownKeys = new WeakMap<object, string[]>();
  const result = schema.safeParse(value, { reportInput: true, error: (iss) => messageFor(iss, knownKeys) });
  if (result.success) return { ok: true, data: result.data };
  for (const issue of result.error.issues) addIssue(problems, issue, path, knownKeys);
  return { ok: false };
}

/** The message of a standard zod issue: what was expected, and the value that was found. */
function messageFor(iss: z.core.$ZodRawIssue, knownKeys: WeakMap<object, string[]>): string | undefined {
  const got = iss.input === undefined ? '' : `, got ${show(iss.input)}`;
  switch (iss.code) {
    case 'invalid_type': {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      return iss.input === undefined ? `required: expected ${expected}` : `expected ${expected}${got}`;
    }
    case 'too_small':
      if (iss.origin === 'array') return `expected at least ${iss.minimum} item(s), got ${show(iss.input)}`;
      if (iss.origin === 'string') return `expected at least ${iss.minimum} character(s)${got}`;
      return `expected a number ${iss.inclusive ? '≥' : '>'} ${iss.minimum}${got}`;
    case 'too_big':
      if (iss.origin === 'array') return `expected at most ${iss.maximum} item(s), got ${show(iss.input)}`;
      if (iss.origin === 'string') return `expected at most ${iss.maximum} character(s)${got}`;
      return `expected a number ${iss.inclusive ? '≤' : '<'} ${iss.maximum}${got}`;
    case 'invalid_value': {
      const values = iss.values.map((v) => String(v));
      if (iss.input === undefined) return `required: expected ${values.join(' or ')}`;
      const near = typeof iss.input === 'string' ? suggestion(iss.input, values) : '';
      return values.length === 1
        ? `expected ${show(iss.values[0])}${got}${near}`
        : `expected one of ${values.join(', ')}${got}${near}`;
    }
    case 'invalid_format':
      if (iss.format === 'url') return `expected a URL such as https://api.anthropic.com${got}`;
      return `expected ${iss.format}${got}`;
    case 'not_multiple_of':
      return `expected a multiple of ${iss.divisor}${got}`;
    case 'unrecognized_keys': {
      const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      if (typeof iss.input === 'object' && iss.input !== null && shape !== undefined) {
        knownKeys.set(iss.input, Object.keys(shape));
      }
      return 'unknown key';
    }
    case 'invalid_union':
      return UNION_WITHOUT_MESSAGE;
    default:
      return undefined;
  }
}

function addIssue(
  problems: ProblemList,
  issue: Issue,
  base: FieldPath,
  knownKeys: WeakMap<object, string[]>,
): void {
  const path = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const known =
      typeof issue.input === 'object' && issue.input !== null ? knownKeys.get(issue.input) : undefined;
    for (const key of issue.keys) {
      const accepted = known === undefined ? '' : `; accepted: ${known.join(', ')}`;
      problems.add([...path, key], `unknown key "${key}"${suggestion(key, known ?? [])}${accepted}`, 'key');
    }
    return;
  }
  if (issue.code === 'invalid_union') {
    const branch = pickBranch(issue);
    if (branch !== undefined) {
      for (const inner of branch) addIssue(problems, inner, path, knownKeys);
      return;
    }
    problems.add(path, unionMessage(issue));
    return;
  }
  problems.add(path, issue.message);
}

/**
 * The union branch the user most likely meant: one whose type matches the value (a string for an
 * enum, a mapping for an object), and among several, the one with the fewest unknown or missing
 * keys. Undefined when no branch fits or two fit equally well and the union has its own message.
 */
function pickBranch(issue: z.core.$ZodIssueInvalidUnion): readonly Issue[] | undefined {
  const candidates = issue.errors.filter((branch) => !branch.some(isRootMismatch));
  if (candidates.length === 0) return undefined;
  const scored = candidates.map((branch) => ({ branch, score: structuralScore(branch) }));
  const best = Math.min(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  if (winners.length > 1 && issue.message !== UNION_WITHOUT_MESSAGE) return undefined;
  return winners[0]?.branch;
}

/** The value is not even of the branch's type (a list where a number goes). */
function isRootMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  if (issue.code === 'invalid_value') return typeof issue.input !== typeof issue.values[0];
  if (issue.code === 'invalid_union')
    return issue.errors.length > 0 && issue.errors.every((b) => b.some(isRootMismatch));
  return false;
}

/** Unknown keys, missing keys and wrong discriminators at the branch's top level. */
function structuralScore(branch: readonly Issue[]): number {
  let score = 0;
  for (const issue of branch) {
    if (issue.path.length === 0 && issue.code === 'unrecognized_keys') score += issue.keys.length;
    if (issue.path.length !== 1) continue;
    if (issue.input === undefined) score += 1;
    else if (issue.code === 'invalid_value' && issue.values.length === 1) score += 1;
  }
  return score;
}

function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  if (issue.message !== UNION_WITHOUT_MESSAGE) {
    return issue.input === undefined
      ? `required: ${issue.message}`
      : `${issue.message}, got ${show(issue.input)}`;
  }
  const expected = issue.errors.map(describeBranch).filter((text) => text !== '');
  const list = [...new Set(expected)].join(' or ');
  return issue.input === undefined
    ? `required: expected ${list}`
    : `expected ${list}, got ${show(issue.input)}`;
}

function describeBranch(branch: readonly Issue[]): string {
  const root = branch.find((issue) => issue.path.length === 0);
  if (root === undefined) return '';
  if (root.code === 'invalid_type') return EXPECTED[root.expected] ?? root.expected;
  if (root.code === 'invalid_value') return `one of ${root.values.map((v) => String(v)).join(', ')}`;
  if (root.code === 'invalid_union') return root.errors.map(describeBranch).join(' or ');
  return '';
}
